using OpenQA.Selenium;
using Xunit;

namespace Platform.Panel.Tests;

/// <summary>
/// A domain admin's own account in the panel: two-step verification turned on from the QR page (their app takes the key
/// shown in text), then a sign-in with password and code; the password changed with the current one, a wrong current
/// one refused in words first, then a sign-in with the new one.
/// </summary>
[Collection(PanelCollection.Name)]
public sealed class Managing_my_admin_account(RunningPanel platform)
{
    [Fact]
    public async Task A_domain_admin_turns_on_two_step_verification_and_then_signs_in_with_password_and_code()
    {
        await using var domain = await TestDomain.CreateWithoutDirectoryAsync(platform);
        var (email, password) = await domain.CreateDomainAdminAsync("tess");
        using var browser = new Browser();
        browser.SignInAsAdmin(platform, email, password);

        browser.Driver.FindElement(By.Id("my-account")).Click();
        Assert.Equal(new Uri(platform.Panel, "/admin/me"), new Uri(browser.Url));
        Assert.Contains("Two-step verification is off.", AdminPages.TextOf(browser, "state"), StringComparison.Ordinal);
        browser.Screenshot("32-admin-account");
        browser.Click("turn-on");
        Assert.StartsWith("data:image/png;base64,", browser.Driver.FindElement(By.Id("qr")).GetAttribute("src"), StringComparison.Ordinal);
        var app = new Authenticator(TestDomain.Base32(AdminPages.TextOf(browser, "key").Replace(" ", "", StringComparison.Ordinal)));
        browser.Screenshot("33-admin-two-step-enrol");
        browser.Fill("code", "000000");
        browser.Click("confirm");
        Assert.Contains("The code is not right.", browser.Text, StringComparison.Ordinal);
        browser.Fill("code", app.NextCode());
        browser.Click("confirm");
        Assert.Equal(10, browser.Driver.FindElements(By.CssSelector("#recovery-codes code")).Count);
        browser.Screenshot("34-admin-two-step-recovery-codes");
        browser.Driver.FindElement(By.Id("done")).Click();
        Assert.Equal(new Uri(platform.Panel, "/admin/me"), new Uri(browser.Url));
        Assert.Contains("Two-step verification is on. Recovery codes left: 10.", AdminPages.TextOf(browser, "state"), StringComparison.Ordinal);
        Assert.True(browser.Has("turn-off"), "A domain admin may turn it off: " + browser.Text);

        browser.Click("sign-out");
        browser.Open(new Uri(platform.Panel, "/admin/signin"));
        browser.Fill("email", email);
        browser.Fill("password", password);
        browser.Click("sign-in");
        Assert.True(browser.Has("code"), "The panel asks for the admin's code: " + browser.Text);
        browser.Fill("code", app.NextCode());
        browser.Click("verify");
        Assert.True(new Uri(platform.Panel, "/admin") == new Uri(browser.Url), $"Signed in at /admin, not at {browser.Url}: {browser.Text}");
        Assert.Contains(domain.Name, AdminPages.TextOf(browser, "domains"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_domain_admin_changes_their_password_after_a_wrong_current_one_is_refused_and_signs_in_with_the_new_one()
    {
        await using var domain = await TestDomain.CreateWithoutDirectoryAsync(platform);
        var (email, password) = await domain.CreateDomainAdminAsync("paul");
        var newPassword = "a new admin password " + Guid.NewGuid().ToString("N")[..6];
        using var browser = new Browser();
        browser.SignInAsAdmin(platform, email, password);
        browser.Open(new Uri(platform.Panel, "/admin/me"));

        ChangePassword(browser, "not the password at all", newPassword, newPassword);
        Assert.Equal("The current password is not right. Your password is unchanged.", AdminPages.TextOf(browser, "password-refusal"));
        browser.Screenshot("35-admin-password-refused");
        ChangePassword(browser, password, newPassword, newPassword + "x");
        Assert.Equal("The two new passwords are not the same. Type it twice the same way.", AdminPages.TextOf(browser, "password-refusal"));
        ChangePassword(browser, password, password, password);
        Assert.Equal("The new password is your current one. Choose another.", AdminPages.TextOf(browser, "password-refusal"));
        ChangePassword(browser, password, newPassword, newPassword);
        Assert.Equal("Your password is changed. Sign in with the new one from now on.", AdminPages.TextOf(browser, "password-changed"));
        Assert.DoesNotContain(newPassword, browser.Driver.PageSource, StringComparison.Ordinal);
        Assert.DoesNotContain(password, browser.Driver.PageSource, StringComparison.Ordinal);
        browser.Screenshot("36-admin-password-changed");

        browser.Click("sign-out");
        browser.Open(new Uri(platform.Panel, "/admin/signin"));
        browser.Fill("email", email);
        browser.Fill("password", password);
        browser.Click("sign-in");
        Assert.Contains("The address or the password is not right.", browser.Text, StringComparison.Ordinal);
        browser.SignInAsAdmin(platform, email, newPassword);
    }

    private static void ChangePassword(Browser browser, string current, string next, string again)
    {
        browser.Fill("current-password", current);
        browser.Fill("new-password", next);
        browser.Fill("new-password-again", again);
        browser.Click("change-password");
    }
}
