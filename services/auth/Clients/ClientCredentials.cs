using System.Text;
using Microsoft.Extensions.Primitives;

namespace Platform.Auth.Clients;

/// <summary>
/// Reads a client-credentials grant (RFC 6749 §4.4.2) from the form body and the <c>Authorization</c> header: the
/// client authenticates either by HTTP Basic (id and secret form-urlencoded, §2.3.1) or by <c>client_id</c> and
/// <c>client_secret</c> in the body, never both. Pure, so every refusal is tested without a server.
/// </summary>
public static class ClientCredentials
{
    public const string GrantType = "client_credentials";

    /// <summary>The client's id and secret, or the §5.2 error (and whether the client tried Basic, which a 401 must then answer).</summary>
    public static ClientCredentialsRequest Read(IReadOnlyDictionary<string, StringValues> form, string? authorization)
    {
        var basic = authorization is not null && authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);
        if (One(form, "grant_type") is not { } grant)
        {
            return ClientCredentialsRequest.Refused(TokenErrors.InvalidRequest, "grant_type is missing or given twice.", basic);
        }

        if (grant != GrantType)
        {
            return ClientCredentialsRequest.Refused(TokenErrors.UnsupportedGrantType, "This endpoint issues client_credentials grants only.", basic);
        }

        var inBody = form.ContainsKey("client_id") || form.ContainsKey("client_secret");
        if (basic && inBody)
        {
            return ClientCredentialsRequest.Refused(TokenErrors.InvalidRequest, "Authenticate with HTTP Basic or with client_id and client_secret, not both.", basic);
        }

        var (id, secret) = basic ? FromBasic(authorization!["Basic ".Length..].Trim()) : (One(form, "client_id"), One(form, "client_secret"));
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret))
        {
            return ClientCredentialsRequest.Refused(TokenErrors.InvalidClient, "The client is not authenticated.", basic);
        }

        return form.TryGetValue("scope", out var scope) && scope.ToString() is { Length: > 0 } asked && asked != Security.PlatformRoles.MailFilter
            ? ClientCredentialsRequest.Refused(TokenErrors.InvalidScope, "A client gets the scope mail-filter only.", basic)
            : new ClientCredentialsRequest(id, secret, null, null, basic);
    }

    private static string? One(IReadOnlyDictionary<string, StringValues> form, string name) =>
        form.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;

    private static (string? Id, string? Secret) FromBasic(string encoded)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (null, null) : (Uri.UnescapeDataString(decoded[..colon].Replace('+', ' ')), Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' ')));
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }
}

/// <summary>What a token request carries: the client's credentials, or the error to answer.</summary>
public sealed record ClientCredentialsRequest(string? ClientId, string? Secret, string? Error, string? ErrorDescription, bool Basic)
{
    public static ClientCredentialsRequest Refused(string error, string description, bool basic) => new(null, null, error, description, basic);

    /// <summary>Never the secret: this may end up in a log line.</summary>
    public override string ToString() => Error is null ? $"client {ClientId}" : $"token request refused: {Error}";
}

/// <summary>RFC 6749 §5.2 error codes.</summary>
public static class TokenErrors
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string InvalidScope = "invalid_scope";
}
