using Xunit;

namespace Platform.Panel.Tests;

/// <summary>A user signed in to the panel chooses the weekly report; reporting's API shows it, chosen by the user.</summary>
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
        browser.Click("save");

        Assert.Contains("Saved: Weekly.", browser.Text, StringComparison.Ordinal);
        browser.Screenshot("10-report-saved");
        var report = await domain.ReportAsync("pia");
        Assert.Equal("weekly", report["frequency"]!.GetValue<string>());
        Assert.Equal("user", report["enrolledBy"]!.GetValue<string>());
    }
}
