using System.Web;
using OpenQA.Selenium;
using Xunit;

namespace Platform.Panel.Tests;

/// <summary>
/// The footer's language choice on the login link's landing page: the page comes back in German at the same
/// address, no form of the page holds the link's token (before or after), and the link still signs in.
/// </summary>
[Collection(PanelCollection.Name)]
public sealed class Switching_the_language(RunningPanel platform)
{
    [Fact]
    public async Task Keeps_the_person_on_the_link_landing_with_the_token_in_no_form_and_the_link_still_signs_in()
    {
        await using var domain = await TestDomain.CreateAsync(platform, "jonas");
        var link = await domain.WelcomeLinkAsync("jonas");
        var token = HttpUtility.ParseQueryString(link.Query)["token"]!;
        using var browser = new Browser();
        browser.Open(link);
        Assert.DoesNotContain(token, Forms(browser), StringComparison.Ordinal);

        AdminPages.Choose(browser, "language", "de");
        browser.Click("change-language");

        Assert.Equal(link, new Uri(browser.Url));
        Assert.Contains($"Dieser Link meldet {domain.Address("jonas")} an.", browser.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(token, Forms(browser), StringComparison.Ordinal);
        browser.Screenshot("18-login-link-de");
        browser.Click("sign-in");
        Assert.Equal(new Uri(platform.Panel, "/"), new Uri(browser.Url));
        Assert.Contains($"Sie sind angemeldet als {domain.Address("jonas")}.", browser.Text, StringComparison.Ordinal);
    }

    /// <summary>Every form of the page as HTML, with its hidden fields.</summary>
    private static string Forms(Browser browser) =>
        string.Join('\n', browser.Driver.FindElements(By.TagName("form")).Select(f => f.GetAttribute("outerHTML")));
}
