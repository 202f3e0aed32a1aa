using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Platform.Security.Authorization;

/// <summary>The caller administers the domain named by a route value (by default <c>{domain}</c>).</summary>
public sealed class DomainAdminOfRouteRequirement(string routeParameter = DomainAdminOfRouteRequirement.DefaultRouteParameter) : IAuthorizationRequirement
{
    public const string DefaultRouteParameter = "domain";

    public string RouteParameter { get; } = routeParameter;
}

internal sealed class DomainAdminOfRouteHandler : AuthorizationHandler<DomainAdminOfRouteRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, DomainAdminOfRouteRequirement requirement)
    {
        // Endpoint routing passes the HttpContext as the resource. Without a route value only a platform-admin passes:
        // a group missing its {domain} parameter must not open up to every domain-admin.
        var domain = context.Resource is HttpContext http ? http.GetRouteValue(requirement.RouteParameter) as string : null;
        if (context.User.IsPlatformAdmin() || (domain is not null && context.User.AdministersDomain(domain)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
