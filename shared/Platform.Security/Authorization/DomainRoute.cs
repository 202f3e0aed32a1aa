using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Platform.Security.Authorization;

/// <summary>
/// Refuses a <c>{domain}</c> that is not a domain name before any endpoint of the group runs, so handlers can rely on
/// <see cref="DomainNames.Normalize"/> succeeding (a platform admin passes authorization for any route value).
/// </summary>
public static class DomainRoute
{
    public static RouteGroupBuilder RequireDomainName(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
            context.HttpContext.GetRouteValue("domain") is string domain && DomainNames.Normalize(domain) is null
                ? InvalidDomain(domain)
                : await next(context));
        return group;
    }

    public static ProblemHttpResult InvalidDomain(string domain) => TypedResults.Problem(
        $"'{domain}' is not a domain name.", statusCode: StatusCodes.Status400BadRequest, title: "Not a domain name.",
        extensions: new Dictionary<string, object?> { ["code"] = "invalid_domain" });
}
