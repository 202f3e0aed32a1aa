using Xunit;

namespace Platform.Panel.Tests;

/// <summary>
/// A user signed in to the panel chooses the weekly report, their own time zone and German; reporting's API shows it,
/// chosen by the user. A time zone that is none is refused next to its field.
/// </summary>
[Collection(PanelCollection.Name)]
public sealed class Choosing_my_report(RunningPanel platform)
{
    [Fact]
    public async Task Saves_the_frequency_through_reportings_api()
    {
        await using var domain = await TestDomain.CreateAsync(platform, "pia");
        await domain.UserTokenAsync("pia");
        using var browser = new Browser();
        browser.Open(new Uri(platform.Panel, "/signin"));
        browser.Fill("email", domain.Address("pia"));
        browser.Fill("password", domain.Password);
        browser.Click("sign-in");

        browser.Open(new Uri(platform.Panel, "/report"));
        Assert.Contains("You get no report yet.", browser.Text, StringComparison.Ordinal);
        browser.Screenshot("09-report");
        browser.Click("frequency-weekly");
        browser.Fill("time-zone", "Mars/Olympus");
        browser.Click("save");
        Assert.True(browser.Has("time-zone-problem"), "A time zone that is none is refused next to its field: " + browser.Text);
        Assert.Contains("That is not a time zone.", browser.Text, StringComparison.Ordinal);

        browser.Click("frequency-weekly");
        browser.Fill("time-zone", "America/New_York");
        browser.Driver.FindElement(OpenQA.Selenium.By.CssSelector("#language-choice option[value=de]")).Click();
        browser.Click("save");

        Assert.Contains("Saved: Weekly.", browser.Text, StringComparison.Ordinal);
        Assert.Contains("Time zone: America/New_York. Language: Deutsch.", browser.Text, StringComparison.Ordinal);
        browser.Screenshot("10-report-saved");
        var report = await domain.ReportAsync("pia");
        Assert.Equal("weekly", report["frequency"]!.GetValue<string>());
        Assert.Equal("user", report["enrolledBy"]!.GetValue<string>());
        Assert.Equal(("America/New_York", "de"), (report["timeZone"]!.GetValue<string>(), report["language"]!.GetValue<string>()));
    }
}
