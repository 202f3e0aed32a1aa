using Microsoft.AspNetCore.Http;
using Platform.Panel.Sessions;
using Platform.Panel.Texts;
using Xunit;

namespace Platform.Panel.Tests;

/// <summary>The panel's pure decisions about a session and the language choice (no I/O).</summary>
public sealed class Deciding_about_a_session
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(204, SessionVerdict.GoesOn)]
    [InlineData(200, SessionVerdict.GoesOn)]
    [InlineData(401, SessionVerdict.Ended)]
    [InlineData(400, SessionVerdict.Ended)]
    [InlineData(403, SessionVerdict.Unknown)]
    [InlineData(429, SessionVerdict.Unknown)]
    [InlineData(500, SessionVerdict.Unknown)]
    [InlineData(503, SessionVerdict.Unknown)]
    public void Ends_only_what_auth_ended_and_serves_nothing_auth_could_not_vouch_for(int status, SessionVerdict verdict) =>
        Assert.Equal(verdict, SessionVerdicts.Of(status));

    [Fact]
    public void Refreshes_shortly_before_the_access_token_expires_and_checks_the_session_until_then()
    {
        Assert.False(SessionVerdicts.RefreshDue(Now.AddMinutes(10), Now));
        Assert.False(SessionVerdicts.RefreshDue(Now.AddSeconds(31), Now));
        Assert.True(SessionVerdicts.RefreshDue(Now.AddSeconds(30), Now));
        Assert.True(SessionVerdicts.RefreshDue(Now.AddMinutes(-1), Now));
        Assert.True(SessionVerdicts.RefreshDue(null, Now));
    }

    [Fact]
    public void Sends_who_lost_their_session_to_the_right_sign_in_saying_why()
    {
        const string signIn = "http://panel/signin?ReturnUrl=%2Freport";

        Assert.Equal(signIn, SessionVerdicts.SignInUri(signIn, "/report", null));
        Assert.Equal(signIn + "&notice=session_ended", SessionVerdicts.SignInUri(signIn, "/report", SessionVerdict.Ended));
        Assert.Equal(signIn + "&notice=session_unchecked", SessionVerdicts.SignInUri(signIn, "/report", SessionVerdict.Unknown));
        Assert.Equal("/admin/signin", SessionVerdicts.SignInUri(signIn, "/admin/example.com/users", null));
        Assert.Equal("/admin/signin?notice=session_ended", SessionVerdicts.SignInUri(signIn, "/platform/clients", SessionVerdict.Ended));
    }

    [Fact]
    public void Shows_only_the_notices_the_panel_gives()
    {
        Assert.Equal("Session.Ended", SessionVerdicts.NoticeKey("session_ended"));
        Assert.Equal("Session.Unchecked", SessionVerdicts.NoticeKey("session_unchecked"));
        Assert.Null(SessionVerdicts.NoticeKey("<script>"));
        Assert.Null(SessionVerdicts.NoticeKey(null));
    }

    [Fact]
    public void Sends_the_language_choice_back_to_the_same_address_of_this_site_only()
    {
        Assert.Equal("/login/link?token=abc", LanguageSwitch.BackTo("", "/login/link", new QueryString("?token=abc")));
        Assert.Equal("/panel/report", LanguageSwitch.BackTo("/panel", "/report", QueryString.Empty));
        Assert.Equal("/", LanguageSwitch.BackTo("", "", QueryString.Empty));
        Assert.Equal("/", LanguageSwitch.BackTo("", "//evil.example/x", new QueryString("?a=b")));
        Assert.Equal("/", LanguageSwitch.BackTo("", "/\\evil.example", QueryString.Empty));
        Assert.Equal("de", LanguageSwitch.Chosen("de"));
        Assert.Null(LanguageSwitch.Chosen("fr"));
        Assert.Null(LanguageSwitch.Chosen(null));
    }
}
