using OpenQA.Selenium;
using Xunit;

namespace Platform.Panel.Tests;

/// <summary>
/// A signed-in user turns two-step verification on from the QR page (their app takes the key shown in text), gets
/// the recovery codes once, then signs in with password and code, and turns it off again with a recovery code.
/// </summary>
[Collection(PanelCollection.Name)]
public sealed class Turning_on_two_step_verification(RunningPanel platform)
{
    [Fact]
    public async Task Enrols_from_the_qr_page_then_signs_in_with_password_and_code()
    {
        await using var domain = await TestDomain.CreateAsync(platform, "uma");
        await domain.UserTokenAsync("uma");
        using var browser = new Browser();
        SignIn(browser, domain);

        browser.Open(new Uri(platform.Panel, "/account/two-step"));
        Assert.Contains("Two-step verification is off.", browser.Text, StringComparison.Ordinal);
        browser.Screenshot("11-two-step-off");
        browser.Click("turn-on");
        var qr = browser.Driver.FindElement(By.Id("qr"));
        Assert.StartsWith("data:image/png;base64,", qr.GetAttribute("src"), StringComparison.Ordinal);
        // Drawn, so the Content-Security-Policy let the image in.
        Assert.True(Convert.ToInt64(((IJavaScriptExecutor)browser.Driver).ExecuteScript("return document.getElementById('qr').naturalWidth;"),
            System.Globalization.CultureInfo.InvariantCulture) > 100, "The QR code is not drawn.");
        var app = new Authenticator(TestDomain.Base32(browser.Driver.FindElement(By.Id("key")).Text.Replace(" ", "", StringComparison.Ordinal)));
        browser.Screenshot("12-two-step-enrol");
        browser.Fill("code", "000000");
        browser.Click("confirm");
        Assert.Contains("The code is not right.", browser.Text, StringComparison.Ordinal);
        Assert.True(browser.Has("qr"), "A wrong code shows the QR code again: " + browser.Text);
        browser.Fill("code", app.NextCode());
        browser.Click("confirm");
        var recovery = browser.Driver.FindElements(By.CssSelector("#recovery-codes code")).Select(c => c.Text).ToList();
        Assert.Equal(10, recovery.Count);
        browser.Screenshot("13-two-step-recovery-codes");

        browser.Click("sign-out");
        browser.Open(new Uri(platform.Panel, "/signin"));
        browser.Fill("email", domain.Address("uma"));
        browser.Fill("password", domain.Password);
        browser.Click("sign-in");
        Assert.True(browser.Has("code"), "The panel asks for the code: " + browser.Text);
        browser.Fill("code", app.NextCode());
        browser.Click("verify");
        Assert.Contains($"You are signed in as {domain.Address("uma")}.", browser.Text, StringComparison.Ordinal);

        browser.Open(new Uri(platform.Panel, "/account/two-step"));
        Assert.Contains("Two-step verification is on. Recovery codes left: 10.", browser.Text, StringComparison.Ordinal);
        browser.Screenshot("14-two-step-on");
        browser.Fill("code", recovery[3]);
        browser.Click("turn-off");
        Assert.Contains("Two-step verification is off now.", browser.Text, StringComparison.Ordinal);
        Assert.True(browser.Has("turn-on"), browser.Text);
    }

    private void SignIn(Browser browser, TestDomain domain)
    {
        browser.Open(new Uri(platform.Panel, "/signin"));
        browser.Fill("email", domain.Address("uma"));
        browser.Fill("password", domain.Password);
        browser.Click("sign-in");
        Assert.Equal(new Uri(platform.Panel, "/"), new Uri(browser.Url));
    }
}
