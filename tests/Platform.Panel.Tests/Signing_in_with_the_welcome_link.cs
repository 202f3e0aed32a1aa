using System.Net;
using Xunit;

namespace Platform.Panel.Tests;

/// <summary>
/// The welcome mail's login link opens the panel's landing page (GET 200, HTML) without spending the one-time token,
/// however often it is fetched, and the page names whom it signs in; the button signs the user in, a second use is
/// refused in plain words (before the click: auth's peek says it is used), and signing out ends the session.
/// </summary>
[Collection(PanelCollection.Name)]
public sealed class Signing_in_with_the_welcome_link(RunningPanel platform)
{
    [Fact]
    public async Task Lands_on_a_button_that_a_mail_scanner_fetching_the_link_does_not_use_up_and_signs_in_on_the_click()
    {
        await using var domain = await TestDomain.CreateAsync(platform, "mia");
        var link = await domain.WelcomeLinkAsync("mia");
        Assert.Equal(new Uri(platform.Panel, "/login/link"), new Uri(link.GetLeftPart(UriPartial.Path)));

        // A mail scanner fetches the link: a page, and the token is still good afterwards.
        using (var scanner = new HttpClient())
        {
            using var fetched = await scanner.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
            Assert.Equal("text/html", fetched.Content.Headers.ContentType?.MediaType);
        }

        using var browser = new Browser();
        browser.Open(link);
        Assert.True(browser.Has("sign-in"), browser.Text);
        Assert.Contains($"This link signs in {domain.Address("mia")}.", browser.Text, StringComparison.Ordinal);
        browser.Screenshot("01-login-link");
        browser.Open(link);
        Assert.True(browser.Has("sign-in"), "A second GET of the link still offers the button: " + browser.Text);

        browser.Click("sign-in");

        Assert.Equal(new Uri(platform.Panel, "/"), new Uri(browser.Url));
        Assert.Contains($"You are signed in as {domain.Address("mia")}.", browser.Text, StringComparison.Ordinal);
        browser.Screenshot("02-home");
        var session = browser.Cookie("panel.session");
        Assert.NotNull(session);
        Assert.True(session.IsHttpOnly);
        Assert.Equal("Lax", session.SameSite);
        Assert.DoesNotContain("panel.session", browser.ScriptCookies, StringComparison.Ordinal);
        // A platform token (a JWT: "eyJ…") is never in a page.
        Assert.DoesNotContain("eyJ", browser.Driver.PageSource, StringComparison.Ordinal);

        browser.Open(link);
        Assert.Contains("This login link has been used already", browser.Text, StringComparison.Ordinal);
        Assert.False(browser.Has("sign-in"), "A used link offers no button: " + browser.Text);
        browser.Screenshot("03-login-link-used");

        browser.Open(new Uri(platform.Panel, "/"));
        browser.Click("sign-out");
        Assert.Equal("/signin", new Uri(browser.Url).AbsolutePath);
        Assert.Null(browser.Cookie("panel.session"));
        browser.Open(new Uri(platform.Panel, "/report"));
        Assert.Equal("/signin", new Uri(browser.Url).AbsolutePath);
    }
}
