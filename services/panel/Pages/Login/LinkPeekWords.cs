using Platform.Panel.Texts;

namespace Platform.Panel.Pages.Login;

/// <summary>The login link landing's words for whom the link is for (auth's peek at the link).</summary>
public static class LinkPeekWords
{
    public static readonly Words Set = new(
        English: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["LinkPeek.For"] = "This link signs in {0}.",
            ["LinkPeek.Until"] = "It can be used until {0} UTC.",
            ["LinkPeek.NotYou"] = "Not you? Do not press the button; sign in with your own password instead.",
        },
        German: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["LinkPeek.For"] = "Dieser Link meldet {0} an.",
            ["LinkPeek.Until"] = "Er gilt bis {0} UTC.",
            ["LinkPeek.NotYou"] = "Nicht Sie? Drücken Sie die Schaltfläche nicht, sondern melden Sie sich mit Ihrem eigenen Passwort an.",
        });
}
