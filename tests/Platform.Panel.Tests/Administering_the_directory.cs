using Platform.Testing;
using Xunit;
using static Platform.Panel.Tests.AdminPages;

namespace Platform.Panel.Tests;

/// <summary>
/// A domain admin fills in the directory settings from a preset, presses Save &amp; test and reads a wrong CA's failure
/// with its hint; uploads the right CA and reads the passed steps and the dry run's users to add.
/// </summary>
[Collection(PanelCollection.Name)]
public sealed class Administering_the_directory(RunningPanel platform)
{
    [Fact]
    public async Task Save_and_test_shows_a_wrong_ca_then_the_steps_and_the_dry_run()
    {
        await using var domain = await TestDomain.CreateWithoutDirectoryAsync(platform, "ada", "ben");
        var (email, password) = await domain.CreateDomainAdminAsync();
        using var browser = new Browser();
        browser.SignInAsAdmin(platform, email, password);

        browser.Open(new Uri(platform.Panel, $"/admin/{domain.Name}/directory"));
        Assert.True(browser.Has("not-configured"), browser.Text);
        Assert.Equal("(&(objectCategory=person)(objectClass=user))", ValueOf(browser, "user-filter"));
        Choose(browser, "kind", "openLdap");
        browser.Click("apply-preset");
        Assert.Equal("(objectClass=inetOrgPerson)", ValueOf(browser, "user-filter"));
        Assert.Equal("uid", ValueOf(browser, "search-attribute"));

        FillWithOtherCa(browser, domain);
        ScrollTo(browser, "domain-title");
        browser.Screenshot("23-directory-settings");
        browser.Click("save-and-test");

        Assert.True(browser.Has("saved"), $"Saved: {browser.Text}\n{platform.Logs()}");
        Assert.Contains("tls_failure", TextOf(browser, "test-failure"), StringComparison.Ordinal);
        Assert.True(TextOf(browser, "test-hint").Length > "What to do: ".Length, "The failure comes with its hint.");
        Assert.Contains("Failed", TextOf(browser, "step-tls"), StringComparison.Ordinal);
        Assert.Contains("ms", TextOf(browser, "step-connect"), StringComparison.Ordinal);
        Assert.DoesNotContain(domain.Ldap.ServicePassword, browser.Driver.PageSource, StringComparison.Ordinal);
        Assert.Equal("", ValueOf(browser, "bind-password"));
        ScrollTo(browser, "test-result");
        browser.Screenshot("24-directory-test-wrong-ca");

        // The right CA as a file: a new CA needs the saved password again, which the page says beside its field.
        browser.Driver.FindElement(OpenQA.Selenium.By.Id("ca-file")).SendKeys(Infrastructure.Get("Ldap:CaCertificatePath"));
        browser.Click("save-and-test");
        Assert.True(browser.Has("bind-password-error"), $"The bind password is asked for again: {browser.Text}");
        Assert.Contains("need the bind password again", TextOf(browser, "problem"), StringComparison.Ordinal);
        ScrollTo(browser, "bind-password");
        browser.Screenshot("25-directory-password-again");
        browser.Driver.FindElement(OpenQA.Selenium.By.Id("ca-file")).SendKeys(Infrastructure.Get("Ldap:CaCertificatePath"));
        browser.Fill("bind-password", domain.Ldap.ServicePassword);
        browser.Click("save-and-test");

        Assert.False(browser.Has("test-failure"), $"The test passes with the right CA: {browser.Text}");
        Assert.Contains("2 users with an address found.", TextOf(browser, "users-found"), StringComparison.Ordinal);
        Assert.All(new[] { "resolve", "connect", "tls", "bind", "base_dn", "search" },
            step => Assert.Contains("OK", TextOf(browser, "step-" + step), StringComparison.Ordinal));
        var added = TextOf(browser, "dry-run-added");
        Assert.Contains(domain.Address("ada"), added, StringComparison.Ordinal);
        Assert.Contains(domain.Address("ben"), added, StringComparison.Ordinal);
        Assert.StartsWith("Added 2", added, StringComparison.Ordinal);
        Assert.Contains("-----BEGIN CERTIFICATE-----", ValueOf(browser, "ca"), StringComparison.Ordinal);
        ScrollTo(browser, "dry-run-summary");
        browser.Screenshot("26-directory-test-passed");

        // On a phone: nothing wider than the screen.
        browser.Driver.Manage().Window.Size = new System.Drawing.Size(360, 800);
        browser.Open(new Uri(platform.Panel, $"/admin/{domain.Name}/directory"));
        browser.Screenshot("31-directory-phone");
        var script = (OpenQA.Selenium.IJavaScriptExecutor)browser.Driver;
        var overflow = script.ExecuteScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        var widest = script.ExecuteScript(
            "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth)" +
            ".map(e => e.tagName + '#' + e.id + '.' + e.className).join(' ');");
        Assert.True(0L.Equals(overflow), $"The page is {overflow} px wider than a phone: {widest}");
    }
}
