using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Platform.Security;

namespace Platform.Panel.Sessions;

/// <summary>
/// Who may open which pages, from the role claims of the session: domain admins their domain(s) under
/// <c>/admin/{domain}/…</c> (the token carries them), platform admins every domain and <c>/platform</c>; email users
/// no admin page. Pure, over the cookie's claims (the services check the token again on every call).
/// </summary>
public static class Roles
{
    /// <summary>The policy of every page under Pages/Admin: any admin, and for a page with a <c>{domain}</c>, one who administers it.</summary>
    public const string AdminPolicy = "panel-admin";

    public static bool IsDomainAdmin(this ClaimsPrincipal user) => user.HasClaim(PlatformClaims.Role, PlatformRoles.DomainAdmin);

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsPlatformAdmin() || user.IsDomainAdmin();

    /// <summary>
    /// A platform admin who must enrol a second factor first, signed in with auth's enrolment-only token: they may open
    /// the pages marked <see cref="OpenWhileEnrollingAttribute"/> (their two-step verification) and nothing else.
    /// </summary>
    public static bool IsEnrollingTotp(this ClaimsPrincipal user) => user.HasClaim(PlatformClaims.Role, PlatformRoles.AdminTotpEnrollment);

    /// <summary>The domains a domain admin's token names; none for a platform admin, who may open any.</summary>
    public static IReadOnlyList<string> AdminDomains(this ClaimsPrincipal user) => user.IsDomainAdmin() ? user.GetDomains() : [];

    /// <summary>Whether <paramref name="user"/> may open an admin page of <paramref name="domain"/> (null: a page of no domain).</summary>
    public static bool MayAdminister(ClaimsPrincipal user, string? domain) => domain is null ? user.IsAdmin() : user.AdministersDomain(domain);

    /// <summary>
    /// The admin policy, and the default policy of every other page: anyone signed in, except an admin still enrolling
    /// (<see cref="IsEnrollingTotp"/>), who is refused every page but those open while enrolling.
    /// </summary>
    public static IServiceCollection AddPanelRoles(this IServiceCollection services) => services.AddAuthorization(o =>
    {
        o.DefaultPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser()
            .RequireAssertion(context => !context.User.IsEnrollingTotp() || OpenWhileEnrolling(context.Resource)).Build();
        o.AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireAssertion(context =>
            MayAdminister(context.User, (context.Resource as HttpContext)?.GetRouteValue("domain") as string)
            || (context.User.IsEnrollingTotp() && OpenWhileEnrolling(context.Resource))));
    });

    private static bool OpenWhileEnrolling(object? resource) =>
        (resource as HttpContext)?.GetEndpoint()?.Metadata.GetMetadata<OpenWhileEnrollingAttribute>() is not null;
}

/// <summary>A page an admin who must enrol a second factor first may open with their enrolment-only session.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OpenWhileEnrollingAttribute : Attribute
{
}
