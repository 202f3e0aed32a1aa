using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Platform.Panel.Sessions;

/// <summary>
/// Who a platform access token is for, read from its payload to show and address pages (the subject, email,
/// domain, roles, methods), once <see cref="TokenCheck"/> has validated it.
/// </summary>
public static class TokenClaims
{
    /// <summary>The claims the panel keeps, from a token <see cref="TokenCheck"/> has validated.</summary>
    public static ClaimsPrincipal PrincipalOf(string accessToken)
    {
        var parts = accessToken.Split('.');
        if (parts.Length != 3)
        {
            throw new FormatException("Not a JWT.");
        }

        var payload = Convert.FromBase64String(Pad(parts[1].Replace('-', '+').Replace('_', '/')));
        using var document = JsonDocument.Parse(payload);
        var claims = new List<Claim>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Name is "sub" or "email" or "domain" or "role" or "amr")
            {
                var values = property.Value.ValueKind == JsonValueKind.Array ? property.Value.EnumerateArray().ToList() : [property.Value];
                claims.AddRange(values.Select(v => new Claim(property.Name, v.ToString())));
            }
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, "email", "role"));
    }

    private static string Pad(string base64) => base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
}
