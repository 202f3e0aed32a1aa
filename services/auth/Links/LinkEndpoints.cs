using Platform.Auth.Lockout;
using Platform.Auth.Login;

namespace Platform.Auth.Links;

public static class LinkEndpoints
{
    public static IEndpointRouteBuilder MapLoginLinks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/login/link", async (LinkLoginRequest? request, LinkLoginService links, LoginClients clients, HttpContext http, CancellationToken cancellationToken) =>
            LoginEndpoints.Result(await links.LoginAsync(request ?? new LinkLoginRequest(null, null), clients.Of(http), cancellationToken), http))
            .AllowAnonymous().CountedAsLogin(Contracts.LoginMethods.LoginLink);
        // Not a login (not counted as one), but a token is tried here as there: limited per client like the logins.
        app.MapPost("/v1/login/link/peek", async (LinkPeekRequest? request, LinkLoginService links, HttpContext http, CancellationToken cancellationToken) =>
        {
            var (addressee, refusal) = await links.PeekAsync(request?.Token, cancellationToken);
            http.Response.Headers.CacheControl = "no-store";
            return addressee is not null ? TypedResults.Ok(addressee) : LoginEndpoints.Result(refusal!, http);
        }).AllowAnonymous().LimitedPerClient((http, wait) => LoginEndpoints.Result(LoginOutcome.TooManyAttempts(wait), http));
        return app;
    }
}
