using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Security;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting;

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

    public static ProblemHttpResult InvalidDomain(string domain) =>
        CodedProblem.Result(StatusCodes.Status400BadRequest, "invalid_domain", "Not a domain name.", $"'{domain}' is not a domain name.");
}
