using System.Drawing;
using Xunit;

namespace Platform.Panel.Tests.Quality;

/// <summary>
/// Each page an email user or an admin sees, in Chromium at a phone's width (360 px), passes the checks of <see cref="Accessibility"/>:
/// language, reflow, labels, names, contrast, keyboard reach.
/// </summary>
[Collection(PanelCollection.Name)]
public sealed class Reading_on_a_phone(RunningPanel platform)
{
    [Fact]
    public async Task Shows_an_email_users_pages_without_sideways_scrolling_and_with_labels_names_and_contrast()
    {
        await using var domain = await TestDomain.CreateAsync(platform, "quinn");
        var link = await domain.WelcomeLinkAsync("quinn");
        using var browser = new Browser();
        browser.Driver.Manage().Window.Size = new Size(360, 800);
        var problems = new List<string>();

        Visit(browser, problems, new Uri(platform.Panel, "/signin"));
        Visit(browser, problems, new Uri(platform.Panel, "/login/link?token=not-a-real-token"));
        Visit(browser, problems, link);
        browser.Click("sign-in");
        foreach (var path in new[] { "/", "/report", "/password", "/account/mails", "/account/two-step", "/account/two-step/enrol" })
        {
            Visit(browser, problems, new Uri(platform.Panel, path));
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task Shows_the_admins_pages_without_sideways_scrolling_and_with_labels_names_and_contrast()
    {
        await using var domain = await TestDomain.CreateAsync(platform, "rosa");
        var (admin, password) = await domain.CreateDomainAdminAsync();
        var (platformAdmin, platformPassword) = await domain.CreatePlatformAdminAsync();
        using var browser = new Browser();
        browser.Driver.Manage().Window.Size = new Size(360, 800);
        var problems = new List<string>();

        Visit(browser, problems, new Uri(platform.Panel, "/admin/signin"));
        browser.SignInAsAdmin(platform, admin, password);
        var user = Uri.EscapeDataString(domain.Address("rosa"));
        foreach (var page in new[] { "/directory", "/syncs", "/users", "/users/import", $"/users/{user}", "/settings/recipients", "/settings/reports", "/settings/notifications" })
        {
            Visit(browser, problems, new Uri(platform.Panel, $"/admin/{domain.Name}{page}"));
        }

        Visit(browser, problems, new Uri(platform.Panel, "/admin/me"));
        browser.Click("turn-on");
        problems.AddRange(Accessibility.Problems(browser.Driver).Select(p => $"/admin/me/two-step (the QR code): {p}"));

        browser.Driver.Manage().Cookies.DeleteAllCookies();
        browser.SignInAsAdmin(platform, platformAdmin, platformPassword);
        foreach (var path in new[] { "/admin", "/platform", "/platform/admins", "/platform/clients" })
        {
            Visit(browser, problems, new Uri(platform.Panel, path));
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    private static void Visit(Browser browser, List<string> problems, Uri page)
    {
        browser.Open(page);
        problems.AddRange(Accessibility.Problems(browser.Driver).Select(p => $"{page.PathAndQuery}: {p}"));
    }
}
