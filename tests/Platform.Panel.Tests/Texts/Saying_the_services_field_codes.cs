using System.Globalization;
using System.Text.Json;
using Platform.Panel.Backends;
using Platform.Panel.Pages.Admin.Directory;
using Platform.Panel.Pages.Admin.Settings;
using Platform.Panel.Texts;
using Xunit;

namespace Platform.Panel.Tests.Texts;

/// <summary>
/// Every stable code a service sends for a refused field of a panel form (<c>codes</c>) has the panel's words in English
/// and German. The codes are read from the services' own classes of codes — the constants their validation uses, in
/// the services' built assemblies — never from a copy, so a new code without words fails here.
/// </summary>
public sealed class Saying_the_services_field_codes
{
    /// <summary>Each class of field codes (named <c>…FieldCodes</c> by convention) and the words of the form it refuses.</summary>
    private static readonly Dictionary<string, string> FormWords = new(StringComparer.Ordinal)
    {
        ["Platform.Directory.Settings.SettingsFieldCodes"] = DirectoryFieldWords.Prefix,
        ["Platform.DirectorySync.Settings.DirectorySettingsFieldCodes"] = DirectoryFieldWords.Prefix,
        ["Platform.DirectorySync.Recipients.Settings.CalloutFieldCodes"] = SettingsFieldWords.Recipients,
        ["Platform.Reporting.Settings.ReportingSettingsFieldCodes"] = SettingsFieldWords.Reports,
        ["Platform.Notifications.Settings.NotificationSettingsFieldCodes"] = SettingsFieldWords.Notifications,
    };

    private static readonly Lazy<IReadOnlyDictionary<string, string[]>> CodesByClass = new(ReadCodeClasses);

    [Fact]
    public void Every_class_of_field_codes_the_services_have_is_a_form_with_words()
    {
        Assert.Equal(FormWords.Keys.Order(StringComparer.Ordinal), CodesByClass.Value.Keys.Order(StringComparer.Ordinal));
        Assert.All(CodesByClass.Value, c => Assert.NotEmpty(c.Value));
    }

    [Fact]
    public void Every_field_code_a_service_sends_has_english_and_german_words()
    {
        var missing = CodesByClass.Value
            .Where(c => FormWords.ContainsKey(c.Key))
            .SelectMany(c => c.Value.Select(code => FormWords[c.Key] + code))
            .Where(key => !AllWords.InEnglish.ContainsKey(key) || !AllWords.InGerman.ContainsKey(key))
            .Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, $"Field codes without the panel's words in both languages: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_field_word_is_a_code_a_service_sends()
    {
        var sent = CodesByClass.Value.Where(c => FormWords.ContainsKey(c.Key))
            .SelectMany(c => c.Value.Select(code => FormWords[c.Key] + code)).ToHashSet(StringComparer.Ordinal);
        var prefixes = FormWords.Values.Distinct(StringComparer.Ordinal).ToList();

        var stale = AllWords.InEnglish.Keys.Where(k => prefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal)) && !sent.Contains(k))
            .Order(StringComparer.Ordinal).ToList();

        Assert.True(stale.Count == 0, $"Words for field codes no service sends: {string.Join(", ", stale)}");
    }

    [Fact]
    public void Reads_each_fields_codes_beside_its_messages_and_keeps_the_services_words_for_an_unknown_code()
    {
        using var problem = JsonDocument.Parse("""
            {"code":"invalid_notification_settings",
             "errors":{"accentColor":["Must be a colour as #rrggbb, e.g. #1a5fb4."],"footer":["Must be at most 500 characters."],"senderName":["Too long."]},
             "codes":{"accentColor":["invalid_accent_color"],"footer":["a_code_from_tomorrow"]}}
            """);
        var errors = ApiAnswers.FieldErrorsOf(problem.RootElement)!;
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de");
            var said = new PanelTexts().Say(errors, SettingsFieldWords.Notifications);

            Assert.Equal(["Eine Farbe als #rrggbb, z. B. #1a5fb4."], said["accentColor"]);
            Assert.Equal(["Must be at most 500 characters."], said["footer"]);
            Assert.Equal(["Too long."], said["senderName"]);
            Assert.Null(Assert.Single(errors["senderName"]).Code);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    /// <summary>The constants of every public <c>…FieldCodes</c> class in the services and the directory library.</summary>
    private static IReadOnlyDictionary<string, string[]> ReadCodeClasses() =>
        ServiceAssemblies.ExportedTypes.Where(t => t.Name.EndsWith("FieldCodes", StringComparison.Ordinal) && t is { IsAbstract: true, IsSealed: true })
            .ToDictionary(t => t.FullName!, ServiceAssemblies.Constants, StringComparer.Ordinal);
}
