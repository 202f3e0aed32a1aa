using OpenQA.Selenium;
using Platform.Testing;
using Xunit;

namespace Platform.Panel.Tests;

/// <summary>After the welcome mail, the user signed in through its link finds it on "my mails", sent.</summary>
[Collection(PanelCollection.Name)]
public sealed class Reading_my_mails(RunningPanel platform)
{
    [Fact]
    public async Task Shows_the_welcome_mail_as_sent()
    {
        await using var domain = await TestDomain.CreateAsync(platform, "ivy");
        var link = await domain.WelcomeLinkAsync("ivy");
        using var browser = new Browser();
        browser.Open(link);
        browser.Click("sign-in");
        Assert.Equal(new Uri(platform.Panel, "/"), new Uri(browser.Url));

        // The sink has the mail a moment before notifications records it as sent.
        var rows = await Eventually.Get(() =>
        {
            browser.Open(new Uri(platform.Panel, "/account/mails"));
            return Task.FromResult(browser.Driver.FindElements(By.CssSelector("#mails tbody tr")).Select(r => r.Text).ToList());
        }, r => r.Any(row => row.Contains("Sent", StringComparison.Ordinal)), TimeSpan.FromSeconds(30));

        var welcome = Assert.Single(rows);
        Assert.StartsWith("Welcome", welcome, StringComparison.Ordinal);
        Assert.Contains("Sent", welcome, StringComparison.Ordinal);
        Assert.DoesNotContain("token=", browser.Driver.PageSource, StringComparison.Ordinal);
        browser.Screenshot("15-my-mails");
    }
}
