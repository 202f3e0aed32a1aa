using OpenQA.Selenium;
using Platform.Testing;
using Xunit;

namespace Platform.Panel.Tests;

/// <summary>
/// A domain admin finds a user by part of the address, deactivates them (directory-sync's API then says inactive),
/// imports a CSV with good and bad rows and reads each row's result, opens one user's page and deletes a user after
/// the confirm step; the platform admin's pages stay closed to them.
/// </summary>
[Collection(PanelCollection.Name)]
public sealed class Managing_email_users(RunningPanel platform)
{
    [Fact]
    public async Task Searches_deactivates_and_imports_with_a_result_per_row()
    {
        await using var domain = await TestDomain.CreateAsync(platform, "anna", "bruno", "carla");
        var (email, password) = await domain.CreateDomainAdminAsync();
        using var browser = new Browser();
        browser.SignInAsAdmin(platform, email, password);

        browser.Open(new Uri(platform.Panel, $"/admin/{domain.Name}/users"));
        Assert.Equal(3, Rows(browser).Count);
        browser.Screenshot("40-users");
        browser.Fill("q", "brun");
        browser.Click("search");
        var found = Assert.Single(Rows(browser));
        Assert.Contains(domain.Address("bruno"), found.Text, StringComparison.Ordinal);
        browser.Click("deactivate-" + domain.Address("bruno"));

        Assert.Contains($"Deactivated {domain.Address("bruno")}.", browser.Text, StringComparison.Ordinal);
        Assert.Contains("Inactive", Assert.Single(Rows(browser)).Text, StringComparison.Ordinal);
        browser.Screenshot("41-users-deactivated");
        Assert.Equal("inactive", (await domain.RegistryUserAsync(domain.Address("bruno")))["status"]!.GetValue<string>());

        browser.Click("import-link");
        browser.Fill("text", $"email;status\n{domain.Address("dora")};active\nnot an address\nsomeone@elsewhere.example\n{domain.Address("dora")}\n{domain.Address("bruno")},active");
        browser.Screenshot("42-users-import");
        browser.Click("import");

        Assert.Contains("1 added, 1 updated, 0 unchanged, 3 rejected.", browser.Text, StringComparison.Ordinal);
        var results = browser.Driver.FindElements(By.CssSelector("#import-rows tbody tr")).Select(r => r.Text).ToList();
        Assert.Equal(5, results.Count);
        Assert.Contains("Added", results[0], StringComparison.Ordinal);
        Assert.Contains("Rejected: That is not an email address.", results[1], StringComparison.Ordinal);
        Assert.Contains("Rejected: The address is not in this domain.", results[2], StringComparison.Ordinal);
        Assert.Contains("Rejected: The same address is on an earlier row.", results[3], StringComparison.Ordinal);
        Assert.Contains("Updated", results[4], StringComparison.Ordinal);
        Assert.StartsWith("3 ", results[1], StringComparison.Ordinal); // the line of the text, the header being line 1
        browser.Screenshot("43-users-imported");
        Assert.Equal(("api", "active"), ((await domain.RegistryUserAsync(domain.Address("dora")))["source"]!.GetValue<string>(),
            (await domain.RegistryUserAsync(domain.Address("bruno")))["status"]!.GetValue<string>()));

        // Auth announces the login (LoginSucceeded); directory-sync records its time, which the user's page shows.
        await domain.UserTokenAsync("anna");
        await Eventually.Get(() => domain.RegistryUserAsync(domain.Address("anna")), u => u["lastLogin"] is not null, TimeSpan.FromSeconds(30));
        browser.Open(new Uri(platform.Panel, $"/admin/{domain.Name}/users/{domain.Address("anna")}"));
        Assert.Contains("Active in the directory", browser.Driver.FindElement(By.Id("user-directory")).Text, StringComparison.Ordinal);
        Assert.EndsWith(" UTC", browser.Driver.FindElement(By.Id("user-last-login")).Text, StringComparison.Ordinal);
        Assert.Contains("This user gets no report yet.", browser.Driver.FindElement(By.Id("user-report")).Text, StringComparison.Ordinal);
        browser.Screenshot("44-user");

        browser.Open(new Uri(platform.Panel, $"/admin/{domain.Name}/users/{domain.Address("dora")}"));
        browser.Click("delete");
        browser.Screenshot("45-user-delete");
        browser.Click("confirm-delete");
        Assert.Contains($"Deleted {domain.Address("dora")}.", browser.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(domain.Address("dora"), browser.Driver.FindElement(By.Id("users")).Text, StringComparison.Ordinal);

        browser.Open(new Uri(platform.Panel, "/platform/clients"));
        Assert.True(browser.Has("denied"), "The platform's pages are for platform admins only: " + browser.Text);
    }

    private static IReadOnlyList<IWebElement> Rows(Browser browser) => browser.Driver.FindElements(By.CssSelector("#users tbody tr"));
}
