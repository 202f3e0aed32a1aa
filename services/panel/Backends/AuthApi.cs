using System.Net.Http.Json;

namespace Platform.Panel.Backends;

/// <summary>auth's public API: logins (password, link), refresh, the session check and logout. Passwords and tokens are never logged.</summary>
public sealed class AuthApi(HttpClient http)
{
    public Task<ApiAnswer<Tokens>> LoginAsync(string? email, string? password, string? code, CancellationToken cancellationToken) =>
        PostAsync<Tokens>("/v1/login", new { email, password, code }, cancellationToken);

    /// <summary>An admin's login (a local account at auth, never a directory); the code when the admin has a second factor.</summary>
    public Task<ApiAnswer<AdminTokens>> AdminLoginAsync(string? email, string? password, string? code, CancellationToken cancellationToken) =>
        PostAsync<AdminTokens>("/v1/admin/login", new { email, password, code }, cancellationToken);

    public Task<ApiAnswer<Tokens>> LinkLoginAsync(string? token, string? code, CancellationToken cancellationToken) =>
        PostAsync<Tokens>("/v1/login/link", new { token, code }, cancellationToken);

    public Task<ApiAnswer<Tokens>> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        PostAsync<Tokens>("/v1/token/refresh", new { refreshToken }, cancellationToken);

    public Task<ApiAnswer<object>> LogoutAsync(string refreshToken, CancellationToken cancellationToken) =>
        PostAsync<object>("/v1/logout", new { refreshToken }, cancellationToken);

    /// <summary>
    /// Whether the session behind the access token goes on (auth's <c>GET /v1/session</c>: 204, or 401 <c>session_ended</c>).
    /// It is asked on every page view, so an auth that does not answer within <see cref="SessionCheckTimeout"/> counts as unreachable.
    /// </summary>
    public async Task<ApiAnswer<object>> SessionAsync(string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/session");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SessionCheckTimeout);
        try
        {
            return await http.SendAsync<object>(request, accessToken, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ApiAnswers.Unreachable<object>();
        }
    }

    public static readonly TimeSpan SessionCheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Whom a login link is for and until when, without using it (auth's <c>POST /v1/login/link/peek</c>).</summary>
    public Task<ApiAnswer<LinkPeek>> PeekLinkAsync(string? token, CancellationToken cancellationToken) =>
        PostAsync<LinkPeek>("/v1/login/link/peek", new { token }, cancellationToken);

    /// <summary>The email user's own second factor.</summary>
    public const string UserTotp = "/v1/me/totp";

    /// <summary>An admin's own second factor (also for the enrolment-only token of a platform admin who must have one).</summary>
    public const string AdminTotp = "/v1/admin/me/totp";

    /// <summary>The state of the second factor at <paramref name="totp"/> (<see cref="UserTotp"/> or <see cref="AdminTotp"/>).</summary>
    public Task<ApiAnswer<TotpStatus>> TotpStatusAsync(string totp, string accessToken, CancellationToken cancellationToken) =>
        http.SendAsync<TotpStatus>(HttpMethod.Get, totp, null, accessToken, cancellationToken);

    public Task<ApiAnswer<TotpEnrollment>> StartTotpAsync(string totp, string accessToken, CancellationToken cancellationToken) =>
        PostAsync<TotpEnrollment>(totp, null, cancellationToken, accessToken);

    public Task<ApiAnswer<RecoveryCodeList>> ConfirmTotpAsync(string totp, string accessToken, string? code, CancellationToken cancellationToken) =>
        PostAsync<RecoveryCodeList>(totp + "/confirm", new { code }, cancellationToken, accessToken);

    /// <summary>auth answers 204: an answer without a value, <see cref="ApiAnswer{T}.Status"/> tells.</summary>
    public Task<ApiAnswer<object>> DisableTotpAsync(string totp, string accessToken, string? code, CancellationToken cancellationToken) =>
        PostAsync<object>(totp + "/disable", new { code }, cancellationToken, accessToken);

    /// <summary>An admin's own password (auth's <c>POST /v1/admin/me/password</c>, 204); neither password is ever logged.</summary>
    public Task<ApiAnswer<object>> ChangeAdminPasswordAsync(string accessToken, string? currentPassword, string? newPassword, CancellationToken cancellationToken) =>
        PostAsync<object>("/v1/admin/me/password", new { currentPassword, newPassword }, cancellationToken, accessToken);

    private async Task<ApiAnswer<T>> PostAsync<T>(string path, object? body, CancellationToken cancellationToken, string? accessToken = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body, options: ApiAnswers.Json) };
        return await http.SendAsync<T>(request, accessToken, cancellationToken);
    }
}

/// <summary>auth's token answer (OAuth 2.0 shape).</summary>
public sealed record Tokens(string AccessToken, string TokenType, int ExpiresIn, string? RefreshToken, int RefreshExpiresIn)
{
    /// <summary>Never the tokens: this may end up in a log line.</summary>
    public override string ToString() => $"tokens expiring in {ExpiresIn} s / {RefreshExpiresIn} s";
}

/// <summary>
/// auth's answer to an admin's login: an access token and no refresh token (admins sign in again when it expires);
/// <see cref="MfaEnrollmentRequired"/> when the token only enrolls a second factor.
/// </summary>
public sealed record AdminTokens(string AccessToken, string TokenType, int ExpiresIn, bool? MfaEnrollmentRequired)
{
    public Tokens AsSession() => new(AccessToken, TokenType, ExpiresIn, RefreshToken: null, RefreshExpiresIn: 0);

    /// <summary>Never the token: this may end up in a log line.</summary>
    public override string ToString() => $"admin token expiring in {ExpiresIn} s";
}

/// <summary>A login link's addressee, read without using it.</summary>
public sealed record LinkPeek(string Email, DateTimeOffset ExpiresAt);

/// <summary>
/// The second factor: on, waiting for its first code, recovery codes left; <paramref name="Required"/> when auth will not
/// turn it off (a platform admin while <c>Auth:Admin:RequireTotpForPlatformAdmins</c> is on; never for an email user).
/// </summary>
public sealed record TotpStatus(bool Enabled, bool EnrollmentPending, int RecoveryCodesLeft, bool Required = false);

/// <summary>A new authenticator secret (base32) and its <c>otpauth://</c> URI. Never logged.</summary>
public sealed record TotpEnrollment(string Secret, string OtpAuthUri)
{
    public override string ToString() => "totp enrollment";
}

/// <summary>Recovery codes, shown once.</summary>
public sealed record RecoveryCodeList(IReadOnlyList<string> RecoveryCodes)
{
    public override string ToString() => $"{RecoveryCodes.Count} recovery codes";
}
