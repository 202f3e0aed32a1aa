using System.Security.Claims;
using Microsoft.Extensions.Options;
using Platform.Auth.Lockout;
using Platform.Auth.Login;
using Platform.Security;
using Platform.Security.Authorization;
using Platform.Security.Tokens;
using Platform.ServiceDefaults.Http;

namespace Platform.Auth.Clients;

/// <summary>
/// Machine credentials: a platform admin manages them under <c>/v1/admin/clients</c>; a client exchanges its id and
/// secret for a short-lived access token at <c>POST /v1/token</c> (RFC 6749 §4.4).
/// </summary>
public static class ClientEndpoints
{
    public static IEndpointRouteBuilder MapServiceClients(this IEndpointRouteBuilder app)
    {
        var clients = app.MapGroup("/v1/admin/clients").RequirePlatformAdmin();
        clients.MapPost("", async (NewServiceClient? body, ServiceClients store, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        {
            var name = body?.Name?.Trim();
            if (string.IsNullOrEmpty(name) || name.Length > 200 || name.Any(char.IsControl))
            {
                return CodedProblem.Result(StatusCodes.Status400BadRequest, "invalid_name", "The client cannot be created.",
                    "Name the client (1 to 200 characters), e.g. after the SMTP edge that uses it.");
            }

            var (client, secret) = await store.CreateAsync(name, "admin:" + user.GetSubject(), cancellationToken);
            return Results.Created($"/v1/admin/clients/{client.ClientId}",
                new CreatedServiceClient(client.ClientId, secret, client.Name, client.Role, client.CreatedAt));
        });
        clients.MapGet("", async (ServiceClients store, CancellationToken cancellationToken) =>
            TypedResults.Ok((await store.ListAsync(cancellationToken)).Select(c => new ServiceClientView(c.ClientId, c.Name, c.Role, c.CreatedAt, c.RevokedAt))));
        clients.MapDelete("/{clientId}", async (string clientId, ServiceClients store, ClaimsPrincipal user, CancellationToken cancellationToken) =>
            await store.RevokeAsync(clientId, "admin:" + user.GetSubject(), cancellationToken)
                ? Results.NoContent()
                : CodedProblem.Result(StatusCodes.Status404NotFound, "client_not_found", "No such client.", $"There is no client {clientId}."));
        // The form is read by the handler, not bound: any other body gets the RFC's invalid_request rather than a 415.
        app.MapPost("/v1/token", TokenAsync).AllowAnonymous().LimitedPerClient(Throttled).Produces<ClientTokenResponse>().Produces<TokenError>(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<IResult> TokenAsync(
        HttpContext http, ServiceClients clients, PlatformTokenIssuer issuer, IOptions<ServiceClientOptions> options, LoginClients addresses,
        ClientFailures failures, CancellationToken cancellationToken)
    {
        var address = addresses.Of(http).Key;
        if (failures.WaitFor(address) is { } wait)
        {
            return Throttled(http, wait);
        }

        NoStore(http);

        if (!http.Request.HasFormContentType)
        {
            return Error(http, StatusCodes.Status400BadRequest, TokenErrors.InvalidRequest, "Send the request as application/x-www-form-urlencoded.", false);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var request = ClientCredentials.Read(form.ToDictionary(f => f.Key, f => f.Value), http.Request.Headers.Authorization);
        if (request.Error is { } error)
        {
            return Error(http, error == TokenErrors.InvalidClient ? StatusCodes.Status401Unauthorized : StatusCodes.Status400BadRequest, error,
                request.ErrorDescription!, request.Basic);
        }

        if (await clients.VerifyAsync(request.ClientId!, request.Secret!, cancellationToken) is not { } client)
        {
            failures.Failed(address);
            return Error(http, StatusCodes.Status401Unauthorized, TokenErrors.InvalidClient, "The client is unknown, revoked, or its secret is not right.",
                request.Basic);
        }

        var lifetime = options.Value.TokenLifetime;
        var token = issuer.Issue(new PlatformTokenRequest("client:" + client.ClientId, [client.Role]), lifetime);
        return TypedResults.Json(new ClientTokenResponse(token.Token, "Bearer", (int)lifetime.TotalSeconds));
    }

    /// <summary>A client past its attempts or failures: RFC 6749's answer, with how long to wait.</summary>
    private static IResult Throttled(HttpContext http, TimeSpan wait)
    {
        NoStore(http);
        http.Response.Headers.RetryAfter = LoginEndpoints.Seconds(wait);
        return Error(http, StatusCodes.Status429TooManyRequests, TokenErrors.InvalidRequest, "Too many token requests from your network; wait a moment.", false);
    }

    private static void NoStore(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
    }

    /// <summary>An RFC 6749 §5.2 error body; a 401 to a client that tried HTTP Basic names the scheme it must use.</summary>
    private static IResult Error(HttpContext http, int status, string error, string description, bool basic)
    {
        if (status == StatusCodes.Status401Unauthorized)
        {
            http.Response.Headers.WWWAuthenticate = basic ? "Basic realm=\"platform\", charset=\"UTF-8\"" : "Basic realm=\"platform\"";
        }

        return TypedResults.Json(new TokenError(error, description), statusCode: status);
    }
}

/// <summary>A new machine credential: what it is for.</summary>
public sealed record NewServiceClient(string? Name);

/// <summary>A created client with its secret, shown this once.</summary>
public sealed record CreatedServiceClient(string ClientId, string ClientSecret, string Name, string Role, DateTimeOffset CreatedAt)
{
    public override string ToString() => $"client {ClientId}";
}

/// <summary>A machine credential as listed (never its secret or its hash).</summary>
public sealed record ServiceClientView(string ClientId, string Name, string Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>RFC 6749 §5.1: snake_case, as the RFC spells it.</summary>
public sealed record ClientTokenResponse(
    [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
    [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn)
{
    public override string ToString() => $"client token expiring in {ExpiresIn} s";
}

/// <summary>RFC 6749 §5.2.</summary>
public sealed record TokenError(
    [property: System.Text.Json.Serialization.JsonPropertyName("error")] string Error,
    [property: System.Text.Json.Serialization.JsonPropertyName("error_description")] string ErrorDescription);
