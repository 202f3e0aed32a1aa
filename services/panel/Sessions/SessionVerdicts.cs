using Microsoft.AspNetCore.WebUtilities;

namespace Platform.Panel.Sessions;

/// <summary>What auth's answers about a session mean for the panel's session cookie.</summary>
public enum SessionVerdict
{
    /// <summary>The session goes on.</summary>
    GoesOn,

    /// <summary>auth ended it (signed out elsewhere, a refresh token reused, the user let go, the admin's token run out): the cookie goes.</summary>
    Ended,

    /// <summary>auth could not be asked: this request is not served as signed in, but the cookie stays for when auth answers again.</summary>
    Unknown,
}

/// <summary>
/// The panel's decisions about a signed-in session, pure: when to refresh the access token, what auth's check or
/// refresh answer means, and where a person whose session stopped is sent (with a notice saying why).
/// </summary>
public static class SessionVerdicts
{
    /// <summary>The email users' sign-in page (the cookie's login path).</summary>
    public const string UserSignIn = "/signin";

    /// <summary>The admins' sign-in page.</summary>
    public const string AdminSignIn = "/admin/signin";

    /// <summary>The sign-in pages' query parameter naming why the person is there.</summary>
    public const string NoticeParameter = "notice";

    public const string EndedNotice = "session_ended";

    public const string UnknownNotice = "session_unchecked";

    /// <summary>How long before the access token expires it is refreshed, so a call made with it does not find it expired.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(30);

    public static bool RefreshDue(DateTimeOffset? accessExpiresAt, DateTimeOffset now) => accessExpiresAt is not { } expires || expires - RefreshMargin <= now;

    /// <summary>
    /// auth's <c>GET /v1/session</c> (or <c>POST /v1/token/refresh</c>) answer: 2xx goes on; 400/401 (<c>session_ended</c>,
    /// <c>invalid_grant</c>, an expired or invalid token) ended; anything else — auth unreachable, failing, slow — is
    /// not known, and not known is not served (fail closed).
    /// </summary>
    public static SessionVerdict Of(int status) => status switch
    {
        >= 200 and < 300 => SessionVerdict.GoesOn,
        StatusCodes.Status400BadRequest or StatusCodes.Status401Unauthorized => SessionVerdict.Ended,
        _ => SessionVerdict.Unknown,
    };

    /// <summary>
    /// Where a person who is not (or no longer) signed in goes: an admin page to the admins' sign-in, any other to
    /// <paramref name="redirectUri"/> (the email users' sign-in); with the notice when their session just stopped.
    /// </summary>
    public static string SignInUri(string redirectUri, PathString requested, SessionVerdict? verdict)
    {
        var uri = requested.StartsWithSegments("/admin") || requested.StartsWithSegments("/platform") ? AdminSignIn : redirectUri;
        return verdict switch
        {
            SessionVerdict.Ended => QueryHelpers.AddQueryString(uri, NoticeParameter, EndedNotice),
            SessionVerdict.Unknown => QueryHelpers.AddQueryString(uri, NoticeParameter, UnknownNotice),
            _ => uri,
        };
    }

    /// <summary>The text key of a sign-in page's notice, for a notice the panel gives; null for anything else in the query.</summary>
    public static string? NoticeKey(string? notice) => notice switch
    {
        EndedNotice => "Session.Ended",
        UnknownNotice => "Session.Unchecked",
        _ => null,
    };
}
