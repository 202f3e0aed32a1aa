using OpenQA.Selenium;
using Xunit;

namespace Platform.Panel.Tests;

/// <summary>
/// A domain admin changes the report defaults in the panel and reporting's API reads them back; a time zone reporting
/// refuses is named beside its field. The recipient verification page shows the domain's state; the branding of the
/// mails is saved on the notifications page, a colour notifications refuses named beside its field, and notifications'
/// API reads it back.
/// </summary>
[Collection(PanelCollection.Name)]
public sealed class Changing_domain_settings(RunningPanel platform)
{
    [Fact]
    public async Task Saves_the_report_defaults_that_reportings_api_then_shows()
    {
        await using var domain = await TestDomain.CreateAsync(platform, "rita");
        var (email, password) = await domain.CreateDomainAdminAsync();
        using var browser = new Browser();
        browser.SignInAsAdmin(platform, email, password);

        browser.Open(new Uri(platform.Panel, $"/admin/{domain.Name}/settings/reports"));
        Assert.True(browser.Has("defaults"), "A domain that saved nothing is told it has the defaults: " + browser.Text);
        browser.Screenshot("46-settings-reports");
        browser.Driver.FindElement(By.CssSelector("#defaultFrequency option[value=weekly]")).Click();
        browser.Fill("reportHour", "7");
        browser.Fill("timeZone", "Mars/Olympus_Mons");
        browser.Click("save");
        Assert.Contains("That is not a time zone", browser.Driver.FindElement(By.Id("timeZone-error")).Text, StringComparison.Ordinal);
        browser.Screenshot("47-settings-reports-refused");

        browser.Fill("timeZone", "Europe/Berlin");
        browser.Driver.FindElement(By.CssSelector("#weeklyDay option[value=friday]")).Click();
        browser.Click("sendEmptyReports");
        browser.Fill("retentionDays", "30");
        browser.Click("save");

        Assert.True(browser.Has("saved"), "Saved: " + browser.Text);
        browser.Screenshot("48-settings-reports-saved");
        var saved = await domain.ReportingSettingsAsync();
        Assert.True(saved["saved"]!.GetValue<bool>());
        var settings = saved["settings"]!;
        Assert.Equal(("weekly", 7, "Europe/Berlin", "friday", true, 30),
            (settings["defaultFrequency"]!.GetValue<string>(), settings["reportHour"]!.GetValue<int>(), settings["timeZone"]!.GetValue<string>(),
                settings["weeklyDay"]!.GetValue<string>(), settings["sendEmptyReports"]!.GetValue<bool>(), settings["retentionDays"]!.GetValue<int>()));

        browser.Open(new Uri(platform.Panel, $"/admin/{domain.Name}/settings/recipients"));
        Assert.Contains("verified against the domain's directory", browser.Driver.FindElement(By.Id("mode")).Text, StringComparison.Ordinal);
        browser.Screenshot("49-settings-recipients");
        browser.Open(new Uri(platform.Panel, $"/admin/{domain.Name}/settings/notifications"));
        Assert.True(browser.Driver.FindElement(By.Id("welcomeEnabled")).Selected, "Welcome mails are on by default.");
        browser.Screenshot("50-settings-notifications");
        browser.Fill("organisationName", "Rita & Co");
        browser.Fill("footer", "<b>Rita & Co</b>, Main Street 1");
        browser.Fill("accentColor", "blue");
        browser.Click("save");
        Assert.Contains("#rrggbb", browser.Driver.FindElement(By.Id("accentColor-error")).Text, StringComparison.Ordinal);
        Assert.Equal("Rita & Co", browser.Driver.FindElement(By.Id("organisationName")).GetAttribute("value"));
        ShowBranding(browser);
        browser.Screenshot("50a-settings-notifications-refused");

        browser.Fill("accentColor", "#1A5FB4");
        browser.Click("save");

        Assert.True(browser.Has("saved"), "Saved: " + browser.Text);
        ShowBranding(browser);
        browser.Screenshot("50b-settings-notifications-branded");
        var notifications = await domain.NotificationSettingsAsync();
        Assert.True(notifications["saved"]!.GetValue<bool>());
        var branding = notifications["settings"]!;
        Assert.Equal(("Rita & Co", "<b>Rita & Co</b>, Main Street 1", "#1a5fb4", true),
            (branding["organisationName"]!.GetValue<string>(), branding["footer"]!.GetValue<string>(), branding["accentColor"]!.GetValue<string>(),
                branding["welcomeEnabled"]!.GetValue<bool>()));
    }

    /// <summary>Scrolls the branding fields into the screenshot's view.</summary>
    private static void ShowBranding(Browser browser) =>
        ((IJavaScriptExecutor)browser.Driver).ExecuteScript("arguments[0].scrollIntoView()", browser.Driver.FindElement(By.Id("organisationName")));
}
