using Platform.Testing;
using Xunit;

namespace Platform.Panel.Tests;

/// <summary>
/// A domain admin signs in with their local account (and, with a second factor, the code) and sees their domain's
/// pages, not another domain's; an email user is refused every admin page.
/// </summary>
[Collection(PanelCollection.Name)]
public sealed class Signing_in_as_an_admin(RunningPanel platform)
{
    [Fact]
    public async Task A_domain_admin_signs_in_with_the_code_and_sees_only_their_domain()
    {
        await using var domain = await TestDomain.CreateAsync(platform, "amelia");
        await using var other = await TestDomain.CreateAsync(platform, "arthur");
        var (email, password) = await domain.CreateDomainAdminAsync();
        var authenticator = await domain.EnrollAdminTotpAsync(email, password);
        using var browser = new Browser();

        browser.Open(new Uri(platform.Panel, "/signin"));
        browser.Click("admin-sign-in");
        Assert.Equal(new Uri(platform.Panel, "/admin/signin"), new Uri(browser.Url));
        browser.Fill("email", email);
        browser.Fill("password", "not the password");
        browser.Click("sign-in");
        Assert.Contains("The address or the password is not right.", browser.Text, StringComparison.Ordinal);
        browser.Fill("email", email);
        browser.Fill("password", password);
        browser.Screenshot("20-admin-sign-in");
        browser.Click("sign-in");
        Assert.True(browser.Has("code"), "The panel asks for the admin's second factor: " + browser.Text);
        Assert.DoesNotContain(password, browser.Driver.PageSource, StringComparison.Ordinal);
        browser.Fill("code", authenticator.NextCode());
        browser.Click("verify");

        Assert.True(new Uri(platform.Panel, "/admin") == new Uri(browser.Url), $"Signed in at /admin, not at {browser.Url}: {browser.Text}\n{platform.Logs()}");
        Assert.Contains(domain.Name, browser.Driver.FindElement(OpenQA.Selenium.By.Id("domains")).Text, StringComparison.Ordinal);
        Assert.True(browser.Has("admin-nav"), "The admin's nav is shown.");
        Assert.DoesNotContain(other.Name, browser.Text, StringComparison.Ordinal);
        browser.Screenshot("21-admin-home");
        browser.Open(new Uri(platform.Panel, $"/admin/{domain.Name}/directory"));
        Assert.Contains(domain.Name, browser.Driver.FindElement(OpenQA.Selenium.By.Id("domain-title")).Text, StringComparison.Ordinal);

        browser.Open(new Uri(platform.Panel, $"/admin/{other.Name}/directory"));
        Assert.True(browser.Has("denied"), $"Another domain's page is refused: {browser.Url} {browser.Text}");
    }

    [Fact]
    public async Task The_platform_admin_opens_any_domain_and_reads_its_saved_directory()
    {
        await using var domain = await TestDomain.CreateAsync(platform, "ivy");
        using var browser = new Browser();
        browser.SignInAsAdmin(platform, Infrastructure.Get("Auth:Admin:Email"), Infrastructure.Get("Auth:Admin:Password"));
        Assert.Contains("Platform", AdminPages.TextOf(browser, "admin-nav"), StringComparison.Ordinal);

        browser.Fill("domain", domain.Name.ToUpperInvariant());
        browser.Click("open-domain");

        Assert.Equal(new Uri(platform.Panel, $"/admin/{domain.Name}/directory"), new Uri(browser.Url));
        Assert.Equal(LdapSubtree.Host, AdminPages.ValueOf(browser, "host"));
        Assert.Equal(domain.Ldap.BaseDn, AdminPages.ValueOf(browser, "base-dn"));
        Assert.Equal("", AdminPages.ValueOf(browser, "bind-password"));
        Assert.Contains("A password is saved", AdminPages.TextOf(browser, "bind-password-hint"), StringComparison.Ordinal);
        Assert.DoesNotContain(domain.Ldap.ServicePassword, browser.Driver.PageSource, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_email_user_cannot_open_an_admin_page()
    {
        await using var domain = await TestDomain.CreateAsync(platform, "olivia");
        using var browser = new Browser();
        browser.Open(new Uri(platform.Panel, "/signin"));
        browser.Fill("email", domain.Address("olivia"));
        browser.Fill("password", domain.Password);
        browser.Click("sign-in");
        Assert.True(new Uri(platform.Panel, "/") == new Uri(browser.Url), $"Signed in, not at {browser.Url}: {browser.Text}");

        foreach (var page in new[] { "/admin", $"/admin/{domain.Name}/directory", $"/admin/{domain.Name}/syncs" })
        {
            browser.Open(new Uri(platform.Panel, page));
            Assert.True(browser.Has("denied"), $"{page} is refused to an email user: {browser.Url} {browser.Text}");
            Assert.False(browser.Has("admin-nav"), $"{page} shows no admin nav to an email user.");
        }

        browser.Screenshot("22-admin-denied");
    }
}
