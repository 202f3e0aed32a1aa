using OpenQA.Selenium;
using Xunit;

namespace Platform.Panel.Tests;

/// <summary>
/// A platform admin sees a domain with its directory and last sync, the admin accounts, and creates a mail filter
/// client whose secret is shown once, then revokes it after the confirm step.
/// </summary>
[Collection(PanelCollection.Name)]
public sealed class Administering_the_platform(RunningPanel platform)
{
    [Fact]
    public async Task Sees_a_domain_and_creates_and_revokes_a_client()
    {
        await using var domain = await TestDomain.CreateAsync(platform, "paula");
        var (admin, _) = await domain.CreateDomainAdminAsync();
        var (email, password) = await domain.CreatePlatformAdminAsync();
        using var browser = new Browser();
        browser.SignInAsAdmin(platform, email, password);

        browser.Open(new Uri(platform.Panel, "/platform"));
        var row = browser.Driver.FindElement(By.Id("domain-" + domain.Name)).Text;
        Assert.Contains("OpenLDAP at 127.0.0.1", row, StringComparison.Ordinal);
        Assert.Contains("Completed", row, StringComparison.Ordinal);
        browser.Screenshot("51-platform-domains");

        browser.Open(new Uri(platform.Panel, "/platform/admins"));
        Assert.Contains(admin, browser.Driver.FindElement(By.Id("admins")).Text, StringComparison.Ordinal);
        browser.Screenshot("52-platform-admins");

        var name = "edge " + Guid.NewGuid().ToString("N")[..8];
        browser.Open(new Uri(platform.Panel, "/platform/clients"));
        browser.Fill("client-name", name);
        browser.Click("create-client");
        var clientId = browser.Driver.FindElement(By.Id("created-id")).Text;
        var secret = browser.Driver.FindElement(By.Id("created-secret")).Text;
        Assert.False(string.IsNullOrWhiteSpace(secret), "The new client's secret is shown.");
        Assert.Contains(name, browser.Driver.FindElement(By.Id("clients")).Text, StringComparison.Ordinal);
        browser.Screenshot("53-platform-client-created");

        browser.Open(new Uri(platform.Panel, "/platform/clients"));
        Assert.DoesNotContain(secret, browser.Driver.PageSource, StringComparison.Ordinal);
        browser.Click("delete-" + clientId);
        browser.Screenshot("54-platform-client-revoke");
        browser.Click("confirm-delete");
        Assert.Contains($"Revoked {clientId}.", browser.Text, StringComparison.Ordinal);
        Assert.False(browser.Has("delete-" + clientId), "A revoked client cannot be revoked again.");
    }
}
