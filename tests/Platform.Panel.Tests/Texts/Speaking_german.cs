using Platform.Panel.Texts;
using Xunit;

namespace Platform.Panel.Tests.Texts;

/// <summary>English and German, like the mails: every page's words, and every problem code they name, in both.</summary>
public sealed class Speaking_german
{
    [Fact]
    public void Every_english_text_has_a_german_one()
    {
        var untranslated = AllWords.InEnglish.Keys.Except(AllWords.InGerman.Keys).Order(StringComparer.Ordinal).ToList();

        Assert.True(untranslated.Count == 0, $"{untranslated.Count} keys have no German text: {string.Join(", ", untranslated)}");
    }

    [Fact]
    public void Every_german_text_has_an_english_one()
    {
        var orphans = AllWords.InGerman.Keys.Except(AllWords.InEnglish.Keys).Order(StringComparer.Ordinal).ToList();

        Assert.True(orphans.Count == 0, $"{orphans.Count} German keys have no English text: {string.Join(", ", orphans)}");
    }

    [Fact]
    public void A_german_text_keeps_the_english_placeholders()
    {
        var differing = AllWords.InEnglish
            .Where(en => AllWords.InGerman.TryGetValue(en.Key, out var de) && !Placeholders(de).SequenceEqual(Placeholders(en.Value)))
            .Select(en => en.Key).Order(StringComparer.Ordinal).ToList();

        Assert.True(differing.Count == 0, $"German texts with other placeholders than the English: {string.Join(", ", differing)}");
    }

    private static IEnumerable<string> Placeholders(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).Distinct().Order(StringComparer.Ordinal);
}
