using Xunit;

namespace Platform.Panel.Tests;

/// <summary>
/// A directory user signs in with address and directory password; a wrong password is refused in plain words; with
/// a second factor turned on (through auth's API), the panel asks for the code before signing in.
/// </summary>
[Collection(PanelCollection.Name)]
public sealed class Signing_in_with_password_and_code(RunningPanel platform)
{
    [Fact]
    public async Task Refuses_a_wrong_password_in_plain_words_then_asks_for_the_code_and_signs_in()
    {
        await using var domain = await TestDomain.CreateAsync(platform, "noah");
        var authenticator = await domain.EnrollTotpAsync("noah");
        using var browser = new Browser();

        browser.Open(new Uri(platform.Panel, "/signin"));
        browser.Screenshot("04-sign-in");
        browser.Fill("email", domain.Address("noah"));
        browser.Fill("password", "not the password");
        browser.Click("sign-in");
        Assert.Contains("The address or the password is not right.", browser.Text, StringComparison.Ordinal);
        browser.Screenshot("05-sign-in-refused");

        browser.Fill("email", domain.Address("noah"));
        browser.Fill("password", domain.Password);
        browser.Click("sign-in");
        Assert.True(browser.Has("code"), "The panel asks for the second factor: " + browser.Text);
        Assert.DoesNotContain(domain.Password, browser.Driver.PageSource, StringComparison.Ordinal);
        browser.Screenshot("06-sign-in-code");
        browser.Fill("code", authenticator.NextCode());
        browser.Click("verify");

        Assert.True(new Uri(platform.Panel, "/") == new Uri(browser.Url), $"Signed in after the code, not at {browser.Url}: {browser.Text}\n{platform.Logs()}");
        Assert.Contains($"You are signed in as {domain.Address("noah")}.", browser.Text, StringComparison.Ordinal);
        browser.Open(new Uri(platform.Panel, "/password"));
        Assert.Contains("Your password is managed by your organisation's directory.", browser.Text, StringComparison.Ordinal);
        browser.Screenshot("07-password");
    }

    [Fact]
    public void Speaks_german_to_a_german_browser()
    {
        using var browser = new Browser("de");

        browser.Open(new Uri(platform.Panel, "/signin"));

        Assert.Contains("E-Mail-Adresse", browser.Text, StringComparison.Ordinal);
        browser.Screenshot("08-sign-in-de");
    }
}
