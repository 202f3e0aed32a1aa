using Platform.Testing;
using Xunit;

namespace Platform.Panel.Tests;

/// <summary>
/// With <c>Auth:Admin:RequireTotpForPlatformAdmins</c> on, a platform admin without a second factor gets from auth only an
/// enrolment-only token: the panel signs them in to their two-step verification and nothing else; once it is on, they
/// are signed out and sign in with password and code, and cannot turn it off. auth and the panel run here on a database
/// and virtual host of this test's own, so the platform admin the other tests use keeps signing in without a code.
/// </summary>
public sealed class Enrolling_a_platform_admin_first : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];
    private ServiceProcess _auth = null!;
    private ServiceProcess _panel = null!;

    public async Task InitializeAsync()
    {
        var bus = Own(await RabbitMqVirtualHost.CreateAsync());
        var database = Own(await PostgresDatabase.CreateAsync());
        _auth = Own(ServiceProcess.Start("Platform.Auth", bus, database, new Dictionary<string, string> { ["Auth__Admin__RequireTotpForPlatformAdmins"] = "true" }));
        await _auth.WaitUntilReady(TimeSpan.FromSeconds(120));
        _panel = Own(ServiceProcess.Start("Platform.Panel", bus, database, new Dictionary<string, string> { ["Panel__Services__Auth"] = _auth.Address.ToString() }));
        await _panel.WaitUntilReady(TimeSpan.FromSeconds(120));
    }

    public async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }
    }

    [Fact]
    public void A_platform_admin_enrols_in_the_panel_and_then_signs_in_with_the_code()
    {
        var (email, password) = (Infrastructure.Get("Auth:Admin:Email"), Infrastructure.Get("Auth:Admin:Password"));
        using var browser = new Browser();
        SignIn(browser, email, password);

        Assert.True(new Uri(_panel.Address, "/admin/me") == new Uri(browser.Url), $"At /admin/me, not {browser.Url}: {browser.Text}\n{Logs()}");
        Assert.Contains("This platform requires two-step verification for platform administrators.", AdminPages.TextOf(browser, "required"), StringComparison.Ordinal);
        Assert.False(browser.Has("change-password"), "Only two-step verification while enrolling: " + browser.Text);
        browser.Screenshot("37-platform-admin-must-enrol");
        foreach (var page in new[] { "/admin", "/platform", "/" })
        {
            browser.Open(new Uri(_panel.Address, page));
            Assert.True(browser.Has("denied"), $"{page} is refused while enrolling: {browser.Url} {browser.Text}");
        }

        browser.Open(new Uri(_panel.Address, "/admin/me"));
        browser.Click("turn-on");
        var app = new Authenticator(TestDomain.Base32(AdminPages.TextOf(browser, "key").Replace(" ", "", StringComparison.Ordinal)));
        browser.Fill("code", app.NextCode());
        browser.Click("confirm");
        Assert.Equal(10, browser.Driver.FindElements(OpenQA.Selenium.By.CssSelector("#recovery-codes code")).Count);
        Assert.Contains("You are signed out", AdminPages.TextOf(browser, "sign-in-again"), StringComparison.Ordinal);
        Assert.Null(browser.Cookie("panel.session"));
        browser.Screenshot("38-platform-admin-enrolled");

        browser.Driver.FindElement(OpenQA.Selenium.By.Id("done")).Click();
        Assert.Equal(new Uri(_panel.Address, "/admin/signin"), new Uri(browser.Url));
        SignIn(browser, email, password);
        Assert.True(browser.Has("code"), "The panel asks for the code: " + browser.Text);
        browser.Fill("code", app.NextCode());
        browser.Click("verify");
        Assert.True(new Uri(_panel.Address, "/admin") == new Uri(browser.Url), $"Signed in at /admin, not at {browser.Url}: {browser.Text}\n{Logs()}");
        Assert.Contains("Platform", AdminPages.TextOf(browser, "admin-nav"), StringComparison.Ordinal);

        browser.Open(new Uri(_panel.Address, "/admin/me"));
        Assert.Contains("Two-step verification is on.", AdminPages.TextOf(browser, "state"), StringComparison.Ordinal);
        Assert.Contains("It stays on", AdminPages.TextOf(browser, "required"), StringComparison.Ordinal);
        Assert.False(browser.Has("turn-off"), "No form to turn off what auth requires: " + browser.Text);
        Assert.True(browser.Has("change-password"), "A signed-in platform admin may change their password: " + browser.Text);
        browser.Screenshot("39-platform-admin-two-step-required");
    }

    private void SignIn(Browser browser, string email, string password)
    {
        browser.Open(new Uri(_panel.Address, "/admin/signin"));
        browser.Fill("email", email);
        browser.Fill("password", password);
        browser.Click("sign-in");
    }

    private string Logs() => string.Join('\n', _auth.Output.TakeLast(25)) + "\n---\n" + string.Join('\n', _panel.Output.TakeLast(25));

    private T Own<T>(T resource)
        where T : IAsyncDisposable
    {
        _owned.Add(resource);
        return resource;
    }
}
