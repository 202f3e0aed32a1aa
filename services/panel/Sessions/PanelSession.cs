using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Platform.Panel.Backends;

namespace Platform.Panel.Sessions;

/// <summary>
/// The signed-in person's session: their platform tokens inside the encrypted, HttpOnly session cookie (never in a
/// page or script), read back for each call to a service.
/// </summary>
public static class PanelSession
{
    private const string Access = "access_token";
    private const string Refresh = "refresh_token";
    private const string ExpiresAt = "expires_at";

    /// <summary>Signs in with <paramref name="tokens"/>; false when the access token is not a valid platform token.</summary>
    public static async Task<bool> SignInAsync(HttpContext http, Tokens tokens)
    {
        if (await http.RequestServices.GetRequiredService<TokenCheck>().PrincipalOfAsync(tokens.AccessToken) is not { } principal)
        {
            return false;
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, PropertiesOf(tokens, http));
        return true;
    }

    /// <summary>Removes the session cookie; the rest of this request sees no one signed in.</summary>
    public static async Task EndAsync(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        http.User = new ClaimsPrincipal();
    }

    public static AuthenticationProperties PropertiesOf(Tokens tokens, HttpContext http)
    {
        var properties = new AuthenticationProperties { IsPersistent = false };
        Store(properties, tokens, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
        return properties;
    }

    /// <summary>An admin's session has no refresh token: it ends when the access token expires.</summary>
    public static void Store(AuthenticationProperties properties, Tokens tokens, DateTimeOffset now) => properties.StoreTokens(
    [
        new AuthenticationToken { Name = Access, Value = tokens.AccessToken },
        .. tokens.RefreshToken is { } refresh ? [new AuthenticationToken { Name = Refresh, Value = refresh }] : Array.Empty<AuthenticationToken>(),
        new AuthenticationToken { Name = ExpiresAt, Value = now.AddSeconds(tokens.ExpiresIn).ToString("o", CultureInfo.InvariantCulture) },
    ]);

    public static string? AccessToken(AuthenticationProperties properties) => properties.GetTokenValue(Access);

    public static string? RefreshToken(AuthenticationProperties properties) => properties.GetTokenValue(Refresh);

    public static DateTimeOffset? AccessExpiresAt(AuthenticationProperties properties) =>
        DateTimeOffset.TryParse(properties.GetTokenValue(ExpiresAt), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;

    /// <summary>The access token of the current request's session (refreshed by <see cref="SessionValidation"/> when due).</summary>
    public static async Task<string?> AccessTokenAsync(HttpContext http) =>
        (await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme)).Properties is { } p ? AccessToken(p) : null;

    public static async Task<string?> RefreshTokenAsync(HttpContext http) =>
        (await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme)).Properties is { } p ? RefreshToken(p) : null;

    public static string Email(this ClaimsPrincipal user) => user.FindFirstValue("email") ?? "";

    public static string Domain(this ClaimsPrincipal user) => user.FindFirstValue("domain") ?? "";
}
