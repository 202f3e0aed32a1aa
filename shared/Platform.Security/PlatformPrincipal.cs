using System.Security.Claims;

namespace Platform.Security;

/// <summary>What a validated platform token says about its holder.</summary>
public static class PlatformPrincipal
{
    public static string? GetSubject(this ClaimsPrincipal principal) => principal.FindFirst(PlatformClaims.Subject)?.Value;

    public static string? GetEmail(this ClaimsPrincipal principal) => principal.FindFirst(PlatformClaims.Email)?.Value;

    /// <summary>The <c>domain</c> claims, normalized (IDN in ASCII, lowercase).</summary>
    public static IReadOnlyList<string> GetDomains(this ClaimsPrincipal principal) =>
        [.. principal.FindAll(PlatformClaims.Domain).Select(claim => DomainNames.Normalize(claim.Value)).OfType<string>().Distinct(StringComparer.Ordinal)];

    public static bool IsPlatformAdmin(this ClaimsPrincipal principal) => principal.HasClaim(PlatformClaims.Role, PlatformRoles.PlatformAdmin);

    /// <summary>
    /// A platform-admin administers every domain; a domain-admin the domains of their <c>domain</c> claims, compared
    /// IDN-normalized and case-insensitively. Anyone else, none.
    /// </summary>
    public static bool AdministersDomain(this ClaimsPrincipal principal, string? domain)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.IsPlatformAdmin())
        {
            return true;
        }

        if (!principal.HasClaim(PlatformClaims.Role, PlatformRoles.DomainAdmin) || DomainNames.Normalize(domain) is not { } wanted)
        {
            return false;
        }

        return principal.GetDomains().Contains(wanted, StringComparer.Ordinal);
    }
}
