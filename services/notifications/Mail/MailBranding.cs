using System.Net;

namespace Platform.Notifications.Mail;

/// <summary>
/// A domain's branding of its mails: the organisation's name (subject, heading, signature), a plain-text footer and the
/// HTML's accent colour. Validated when saved (<c>NotificationSettingsBody</c>); rendered here, always HTML-encoded.
/// </summary>
public sealed record MailBranding(string? OrganisationName, string? Footer, string? AccentColor)
{
    /// <summary>The subject: the organisation's wording when there is one, else the plain one.</summary>
    public static string Subject(MailBranding? branding, MailTexts t, string plain, string withOrganisation, params object[] values) =>
        branding?.OrganisationName is { } organisation ? t.Format(withOrganisation, [.. values, organisation]) : t.Format(plain, values);

    /// <summary>The text's signature and footer after "-- ": the sender, the organisation, the footer.</summary>
    public static string TextSignature(MailBranding? branding, string senderName) =>
        $"-- \n{senderName}\n"
        + (branding?.OrganisationName is { } organisation ? organisation + "\n" : "")
        + (branding?.Footer is { } footer ? "\n" + footer.ReplaceLineEndings("\n") + "\n" : "");

    /// <summary>The HTML's heading in the accent colour (none for an unbranded mail).</summary>
    public static string HtmlHeading(MailBranding? branding, string subject) =>
        branding is { OrganisationName: null, AccentColor: null } or null
            ? ""
            : $"<h1 style=\"font-size: 1.3em{ColorStyle(Accent(branding))}\">{Html(branding.OrganisationName ?? subject)}</h1>\n";

    /// <summary>The link in the accent colour, else the plain link.</summary>
    public static string HtmlLink(MailBranding? branding, string link) => Accent(branding) is { } accent
        ? $"<a href=\"{Html(link)}\" style=\"color: {accent}; font-weight: bold\">{Html(link)}</a>"
        : $"<a href=\"{Html(link)}\">{Html(link)}</a>";

    /// <summary>The signature (sender, organisation) and the footer as text in paragraphs: never as HTML.</summary>
    public static string HtmlSignature(MailBranding? branding, string senderName) =>
        $"<p>{Html(senderName)}{(branding?.OrganisationName is { } organisation ? "<br>" + Html(organisation) : "")}</p>"
        + (branding?.Footer is { } footer
            ? $"\n<p style=\"font-size: small; color: #555555\">{string.Join("<br>", footer.ReplaceLineEndings("\n").Split('\n').Select(Html))}</p>"
            : "");

    public static string Html(string value) => WebUtility.HtmlEncode(value);

    /// <summary>Whether <paramref name="value"/> is a colour as <c>#rrggbb</c>, the only form taken. Pure.</summary>
    public static bool IsColor(string value) => value.Length == 7 && value[0] == '#' && value.Skip(1).All(char.IsAsciiHexDigit);

    // Checked again where it goes into a style attribute: only #rrggbb can never leave it.
    private static string? Accent(MailBranding? branding) => branding?.AccentColor is { } accent && IsColor(accent) ? accent : null;

    private static string ColorStyle(string? accent) => accent is null ? "" : $"; color: {accent}";
}
