using Platform.Testing;
using Xunit;

namespace Platform.Panel.Tests;

/// <summary>
/// An email user signed in in the browser; their domain admin deactivates them through directory-sync's API, and
/// auth ends their sessions. The next page the user opens is the sign-in page, saying in plain words (English, then
/// German through the footer's language choice) that the session has ended — not 15 minutes later at the refresh.
/// </summary>
[Collection(PanelCollection.Name)]
public sealed class Ending_a_session_elsewhere(RunningPanel platform)
{
    [Fact]
    public async Task Sends_a_deactivated_user_to_the_sign_in_page_at_the_next_page_saying_their_session_has_ended()
    {
        await using var domain = await TestDomain.CreateAsync(platform, "lena");
        var admin = await domain.CreateDomainAdminAsync();
        using var browser = new Browser();
        browser.Open(new Uri(platform.Panel, "/signin"));
        browser.Fill("email", domain.Address("lena"));
        browser.Fill("password", domain.Password);
        browser.Click("sign-in");
        Assert.Contains($"You are signed in as {domain.Address("lena")}.", browser.Text, StringComparison.Ordinal);
        // A second session of hers, outside the browser: when auth answers session_ended for it, auth has taken in the
        // deactivation (it ends all her sessions in one commit).
        var elsewhere = await domain.UserTokenAsync("lena");

        await domain.DeactivateAsync(admin, "lena");
        await domain.WaitUntilSessionEndedAsync(elsewhere, TimeSpan.FromSeconds(60));
        browser.Open(new Uri(platform.Panel, "/report"));

        Assert.Equal("/signin", new Uri(browser.Url).AbsolutePath);
        Assert.Contains("Your session has ended", browser.Text, StringComparison.Ordinal);
        Assert.Null(browser.Cookie("panel.session"));
        browser.Screenshot("16-session-ended");

        AdminPages.Choose(browser, "language", "de");
        browser.Click("change-language");
        Assert.Equal("/signin", new Uri(browser.Url).AbsolutePath);
        Assert.Contains("Ihre Sitzung ist beendet", browser.Text, StringComparison.Ordinal);
        browser.Screenshot("17-session-ended-de");
    }

    [Fact]
    public async Task Shows_the_sign_in_page_when_the_language_is_switched_on_a_page_left_open_after_the_session_ended()
    {
        await using var domain = await TestDomain.CreateAsync(platform, "mats");
        var admin = await domain.CreateDomainAdminAsync();
        using var browser = new Browser();
        browser.SignInAsUser(platform, domain.Address("mats"), domain.Password);
        browser.Open(new Uri(platform.Panel, "/report"));
        var elsewhere = await domain.UserTokenAsync("mats");

        await domain.DeactivateAsync(admin, "mats");
        await domain.WaitUntilSessionEndedAsync(elsewhere, TimeSpan.FromSeconds(60));
        // The report page is still open, its footer form holding the signed-in person's antiforgery token.
        AdminPages.Choose(browser, "language", "de");
        browser.Click("change-language");

        Assert.Equal("/signin", new Uri(browser.Url).AbsolutePath);
        Assert.Contains("Your session has ended", browser.Text, StringComparison.Ordinal);
        Assert.Null(browser.Cookie("panel.session"));
    }
}
