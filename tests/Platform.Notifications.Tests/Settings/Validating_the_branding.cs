using Platform.Notifications.Mail;
using Platform.Notifications.Settings;
using Xunit;

namespace Platform.Notifications.Tests.Settings;

public sealed class Validating_the_branding
{
    private static readonly NotificationSettings Defaults = NotificationSettings.Defaults("quarantine@platform.example");

    [Theory]
    [InlineData("red", null, "accentColor", "invalid_accent_color")]
    [InlineData("#12345", null, "accentColor", "invalid_accent_color")]
    [InlineData("#1234567", null, "accentColor", "invalid_accent_color")]
    [InlineData("#12345g", null, "accentColor", "invalid_accent_color")]
    [InlineData("rgb(1,2,3)", null, "accentColor", "invalid_accent_color")]
    [InlineData(null, "Beispiel\r\nBcc: victim@example.com", "organisationName", "invalid_organisation_name")]
    [InlineData(null, "Beispiel\u0000", "organisationName", "invalid_organisation_name")]
    [InlineData(null, "Beispiel \u202Egmbh", "organisationName", "invalid_organisation_name")]
    public void Refuses_a_colour_or_organisation_name_with_its_code(string? accent, string? organisation, string field, string code)
    {
        var (settings, errors) = Body(organisation, null, accent).Validate(Defaults, "example.com", [Defaults.SenderAddress]);

        Assert.Null(settings);
        Assert.Equal([(field, code)], errors.Select(e => (e.Field, e.Code)));
    }

    [Fact]
    public void Refuses_an_organisation_name_or_a_footer_that_is_too_long()
    {
        var (_, errors) = Body(new string('x', 101), new string('y', 501), null).Validate(Defaults, "example.com", [Defaults.SenderAddress]);

        Assert.Equal([("footer", "footer_too_long"), ("organisationName", "invalid_organisation_name")], errors.Select(e => (e.Field, e.Code)).Order());
    }

    [Fact]
    public void Refuses_control_characters_in_the_footer_but_takes_line_breaks()
    {
        var (_, refused) = Body(null, "line\u0007bell", null).Validate(Defaults, "example.com", [Defaults.SenderAddress]);
        var (taken, _) = Body(null, " Beispiel GmbH\r\nHauptstraße 1 ", null).Validate(Defaults, "example.com", [Defaults.SenderAddress]);

        Assert.Equal([("footer", "invalid_footer")], refused.Select(e => (e.Field, e.Code)));
        Assert.Equal(new MailBranding(null, "Beispiel GmbH\nHauptstraße 1", null), taken!.Branding);
    }

    [Fact]
    public void Takes_a_colour_as_rrggbb_and_empty_fields_as_no_branding()
    {
        var (branded, _) = Body(" Beispiel & Söhne ", new string('y', 500), "#1A5FB4").Validate(Defaults, "example.com", [Defaults.SenderAddress]);
        var (plain, _) = Body("", " ", "").Validate(Defaults, "example.com", [Defaults.SenderAddress]);

        Assert.Equal(new MailBranding("Beispiel & Söhne", new string('y', 500), "#1a5fb4"), branded!.Branding);
        Assert.Null(plain!.Branding);
    }

    private static NotificationSettingsBody Body(string? organisation, string? footer, string? accent) =>
        new(null, null, null, null, null, organisation, footer, accent);
}
