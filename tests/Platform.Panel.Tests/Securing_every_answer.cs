using System.Net;
using System.Text.RegularExpressions;
using Platform.Panel.Security;
using Platform.Testing;
using Xunit;

namespace Platform.Panel.Tests;

/// <summary>
/// The panel hosted in the test process (its own database and virtual host), auth pointed at a port nothing
/// listens on: every answer carries the Content-Security-Policy; a form posted without its antiforgery token is
/// refused, the same form with it is handled.
/// </summary>
public sealed partial class Securing_every_answer : IAsyncLifetime
{
    private readonly ServiceHost<Program> _panel = new();

    public async Task InitializeAsync()
    {
        await _panel.InitializeAsync();
        var nowhere = $"http://127.0.0.1:{Shell.FreePort()}";
        _panel.With("Panel:Services:Auth", nowhere).With("Panel:Services:Reporting", nowhere);
    }

    public Task DisposeAsync() => _panel.DisposeAsync().AsTask();

    [Theory]
    [InlineData("/signin")]
    [InlineData("/login/link?token=not-a-real-token")]
    [InlineData("/")]
    [InlineData("/report")]
    [InlineData("/account/two-step")]
    [InlineData("/account/mails")]
    [InlineData("/css/panel.css")]
    [InlineData("/health/live")]
    [InlineData("/no-such-page")]
    public async Task Carries_a_content_security_policy_without_inline_script(string path)
    {
        using var http = _panel.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await http.GetAsync(path);

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(SecurityHeaders.Policy, policy);
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Pages_have_no_script_at_all()
    {
        using var http = _panel.CreateClient();

        var html = await http.GetStringAsync("/signin");

        Assert.Contains("<form", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("\\son[a-z]+\\s*=", html);
    }

    [Fact]
    public async Task Sends_who_is_not_signed_in_to_the_sign_in_page()
    {
        using var http = _panel.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await http.GetAsync("/report");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin?ReturnUrl=%2Freport", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/example.com/directory")]
    [InlineData("/platform/clients")]
    public async Task Sends_who_is_not_signed_in_on_an_admin_page_to_the_admins_sign_in(string path)
    {
        using var http = _panel.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/signin", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Refuses_a_form_posted_without_its_antiforgery_token()
    {
        using var http = _panel.CreateClient();
        await http.GetStringAsync("/signin");

        using var response = await http.PostAsync("/signin", Form(("Email", "mia@example.com"), ("Password", "whatever")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Handles_the_same_form_with_its_token_and_says_when_auth_cannot_be_reached()
    {
        using var http = _panel.CreateClient();
        var form = await http.GetStringAsync("/signin");
        var token = AntiforgeryToken().Match(form).Groups["token"].Value;

        using var response = await http.PostAsync("/signin",
            Form(("Email", "mia@example.com"), ("Password", "whatever"), ("__RequestVerificationToken", token)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The sign-in service cannot be reached right now.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_language_choice_posted_without_its_antiforgery_token()
    {
        using var http = _panel.CreateClient(new() { AllowAutoRedirect = false });
        await http.GetStringAsync("/signin");

        using var response = await http.PostAsync("/signin?ReturnUrl=%2Freport", Form(("panel-language", "de")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Takes_the_language_choice_posted_to_the_page_itself_and_sends_the_browser_back_to_the_same_address()
    {
        using var http = _panel.CreateClient(new() { AllowAutoRedirect = false });
        var form = await http.GetStringAsync("/signin?ReturnUrl=%2Freport");
        var token = AntiforgeryToken().Match(form).Groups["token"].Value;

        using var response = await http.PostAsync("/signin?ReturnUrl=%2Freport", Form(("panel-language", "de"), ("__RequestVerificationToken", token)));
        var german = await http.GetStringAsync(response.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/signin?ReturnUrl=%2Freport", response.Headers.Location!.OriginalString);
        Assert.Contains("<html lang=\"de\">", german, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"returnUrl\"", german, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Speaks_german_when_the_browser_asks_for_it()
    {
        using var http = _panel.CreateClient();
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE,de;q=0.9,en;q=0.5");

        var html = await http.GetStringAsync("/signin");

        Assert.Contains("<html lang=\"de\">", html, StringComparison.Ordinal);
        Assert.Contains("E-Mail-Adresse", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keeps_the_antiforgery_cookie_from_scripts_and_other_sites()
    {
        using var http = _panel.CreateClient(new() { HandleCookies = false });

        using var response = await http.GetAsync("/signin");

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("panel.antiforgery=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
