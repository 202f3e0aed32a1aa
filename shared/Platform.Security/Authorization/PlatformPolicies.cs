using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Platform.Security.Authentication;

namespace Platform.Security.Authorization;

/// <summary>The authorization policies <see cref="PlatformAuthentication.AddPlatformAuthentication"/> registers, and shortcuts for endpoints.</summary>
public static class PlatformPolicies
{
    /// <summary>
    /// Any valid platform token of a person (platform-admin, domain-admin, email-user); also the default policy of
    /// <c>RequireAuthorization()</c>. A machine credential (mail-filter) opens only the endpoints made for it.
    /// </summary>
    public const string Authenticated = "platform:authenticated";

    /// <summary>Role platform-admin.</summary>
    public const string PlatformAdmin = "platform:platform-admin";

    /// <summary>The spam filter (role mail-filter) or a platform-admin.</summary>
    public const string MailFilter = "platform:mail-filter";

    /// <summary>A platform-admin, or a domain-admin of the route's <c>{domain}</c>.</summary>
    public const string DomainAdmin = "platform:domain-admin";

    /// <summary>
    /// Allows a platform-admin, or a domain-admin whose <c>domain</c> claim is the route value <paramref name="routeParameter"/>
    /// (IDN-normalized, case-insensitive); answers 401/403 problem details otherwise. Works on a route group:
    /// <c>app.MapGroup("/v1/domains/{domain}").RequireDomainAdmin()</c>.
    /// </summary>
    public static TBuilder RequireDomainAdmin<TBuilder>(this TBuilder builder, string routeParameter = DomainAdminOfRouteRequirement.DefaultRouteParameter)
        where TBuilder : IEndpointConventionBuilder =>
        routeParameter == DomainAdminOfRouteRequirement.DefaultRouteParameter
            ? builder.RequireAuthorization(DomainAdmin)
            : builder.RequireAuthorization(new AuthorizationPolicyBuilder(PlatformAuthentication.Scheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new DomainAdminOfRouteRequirement(routeParameter))
                .Build());

    public static TBuilder RequirePlatformAdmin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(PlatformAdmin);

    /// <summary>The spam filter's SMTP edge (role mail-filter), or a platform-admin.</summary>
    public static TBuilder RequireMailFilter<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(MailFilter);

    /// <summary>Any valid platform token of a person (any role but mail-filter).</summary>
    public static TBuilder RequirePlatformToken<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(Authenticated);

    private static readonly string[] PersonRoles = [PlatformRoles.PlatformAdmin, PlatformRoles.DomainAdmin, PlatformRoles.EmailUser];

    internal static void Add(AuthorizationBuilder authorization) => authorization
        .SetDefaultPolicy(Person())
        .AddPolicy(Authenticated, Person())
        .AddPolicy(PlatformAdmin, policy => policy.AddAuthenticationSchemes(PlatformAuthentication.Scheme).RequireAuthenticatedUser()
            .RequireClaim(PlatformClaims.Role, PlatformRoles.PlatformAdmin))
        .AddPolicy(MailFilter, policy => policy.AddAuthenticationSchemes(PlatformAuthentication.Scheme).RequireAuthenticatedUser()
            .RequireClaim(PlatformClaims.Role, PlatformRoles.MailFilter, PlatformRoles.PlatformAdmin))
        .AddPolicy(DomainAdmin, policy => policy.AddAuthenticationSchemes(PlatformAuthentication.Scheme).RequireAuthenticatedUser()
            .AddRequirements(new DomainAdminOfRouteRequirement()));

    private static AuthorizationPolicy Person() => new AuthorizationPolicyBuilder(PlatformAuthentication.Scheme)
        .RequireAuthenticatedUser().RequireClaim(PlatformClaims.Role, PersonRoles).Build();
}
