using Platform.Panel.Pages.Admin.Directory;
using Platform.Panel.Pages.Admin.Settings;
using Platform.Panel.Texts;
using Xunit;
using static Platform.Panel.Tests.AdminPages;

namespace Platform.Panel.Tests;

/// <summary>
/// A domain admin whose browser speaks German submits values the services refuse — the directory's host with a scheme,
/// a report time zone that is none, a branding colour that is not <c>#rrggbb</c> — and reads beside each field the
/// panel's German words for the code the service sent, not the service's English.
/// </summary>
[Collection(PanelCollection.Name)]
public sealed class Refusing_fields_in_german(RunningPanel platform)
{
    [Fact]
    public async Task Shows_each_refused_fields_code_in_german_words_beside_it()
    {
        await using var domain = await TestDomain.CreateAsync(platform, "greta");
        var (email, password) = await domain.CreateDomainAdminAsync();
        using var browser = new Browser("de");
        browser.SignInAsAdmin(platform, email, password);

        browser.Open(new Uri(platform.Panel, $"/admin/{domain.Name}/directory"));
        browser.Fill("host", "ldaps://verzeichnis.example.com");
        browser.Click("save-and-test");
        AssertGerman(browser, "host-error", DirectoryFieldWords.Prefix + "host_with_scheme", "ohne ldap://");
        Assert.Equal("ldaps://verzeichnis.example.com", ValueOf(browser, "host"));
        ScrollTo(browser, "host");
        browser.Screenshot("23a-directory-refused-de");

        browser.Open(new Uri(platform.Panel, $"/admin/{domain.Name}/settings/reports"));
        browser.Fill("timeZone", "Mars/Olympus_Mons");
        browser.Click("save");
        AssertGerman(browser, "timeZone-error", SettingsFieldWords.Reports + "invalid_time_zone", "keine Zeitzone");
        browser.Screenshot("47a-settings-reports-refused-de");

        browser.Open(new Uri(platform.Panel, $"/admin/{domain.Name}/settings/notifications"));
        browser.Fill("organisationName", "Greta GmbH");
        browser.Fill("accentColor", "blau");
        browser.Click("save");
        AssertGerman(browser, "accentColor-error", SettingsFieldWords.Notifications + "invalid_accent_color", "Eine Farbe als #rrggbb");
        Assert.Equal("Greta GmbH", ValueOf(browser, "organisationName"));
        ScrollTo(browser, "organisationName");
        browser.Screenshot("50c-settings-notifications-refused-de");
        Assert.False((await domain.NotificationSettingsAsync())["saved"]!.GetValue<bool>());
    }

    /// <summary>The field's error is the German words of its code (a phrase of them given here, so a copy of the English would fail).</summary>
    private static void AssertGerman(Browser browser, string errorId, string key, string phrase)
    {
        Assert.True(browser.Has(errorId), $"The refusal is beside its field ({errorId}): {browser.Text}");
        var shown = TextOf(browser, errorId);
        Assert.Equal(PanelTexts.Text("de", key), shown);
        Assert.Contains(phrase, shown, StringComparison.Ordinal);
    }
}
