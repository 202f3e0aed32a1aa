using Platform.Auth.Login;

namespace Platform.Auth.Links;

public static class LinkEndpoints
{
    public static IEndpointRouteBuilder MapLoginLinks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/login/link", async (LinkLoginRequest? request, LinkLoginService links, LoginClients clients, HttpContext http, CancellationToken cancellationToken) =>
            LoginEndpoints.Result(await links.LoginAsync(request ?? new LinkLoginRequest(null, null), clients.Of(http), cancellationToken), http))
            .AllowAnonymous().CountedAsLogin(Contracts.LoginMethods.LoginLink);
        return app;
    }
}
