using System.Drawing;
using Xunit;

namespace Platform.Panel.Tests.Quality;

/// <summary>
/// Each page an email user sees, in Chromium at a phone's width (360 px), passes the checks of <see cref="Accessibility"/>:
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
        foreach (var path in new[] { "/", "/report", "/password" })
        {
            Visit(browser, problems, new Uri(platform.Panel, path));
        }

        Assert.Empty(problems);
    }

    private static void Visit(Browser browser, List<string> problems, Uri page)
    {
        browser.Open(page);
        problems.AddRange(Accessibility.Problems(browser.Driver).Select(p => $"{page.PathAndQuery}: {p}"));
    }
}
