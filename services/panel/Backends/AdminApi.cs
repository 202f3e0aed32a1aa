namespace Platform.Panel.Backends;

/// <summary>
/// auth's API for platform admins: the admin accounts (<c>/v1/admin/accounts</c>) and the mail filter's clients
/// (<c>/v1/admin/clients</c>, issue 9). A new client's secret is in the answer once and never logged.
/// </summary>
public sealed class AdminApi(HttpClient http)
{
    public Task<ApiAnswer<List<AdminAccount>>> AccountsAsync(string token, CancellationToken cancellationToken) =>
        http.SendAsync<List<AdminAccount>>(HttpMethod.Get, "/v1/admin/accounts", null, token, cancellationToken);

    /// <summary>A domain admin of <paramref name="domains"/>; the password goes to auth only.</summary>
    public Task<ApiAnswer<AdminAccount>> CreateDomainAdminAsync(string token, string? email, string? password, IReadOnlyList<string> domains, CancellationToken cancellationToken) =>
        http.SendAsync<AdminAccount>(HttpMethod.Post, "/v1/admin/accounts", new { email, password, role = "domain-admin", domains }, token, cancellationToken);

    /// <summary>Disables (<paramref name="enabled"/> false) or enables an admin; no body comes back.</summary>
    public Task<ApiAnswer<object>> SetEnabledAsync(string token, string email, bool enabled, CancellationToken cancellationToken) =>
        http.SendAsync<object>(HttpMethod.Post, $"/v1/admin/accounts/{Uri.EscapeDataString(email)}/{(enabled ? "enable" : "disable")}", null, token, cancellationToken);

    public Task<ApiAnswer<List<ServiceClient>>> ClientsAsync(string token, CancellationToken cancellationToken) =>
        http.SendAsync<List<ServiceClient>>(HttpMethod.Get, "/v1/admin/clients", null, token, cancellationToken);

    public Task<ApiAnswer<CreatedClient>> CreateClientAsync(string token, string? name, CancellationToken cancellationToken) =>
        http.SendAsync<CreatedClient>(HttpMethod.Post, "/v1/admin/clients", new { name }, token, cancellationToken);

    /// <summary>Revokes a client: its tokens stop working; no body comes back.</summary>
    public Task<ApiAnswer<object>> DeleteClientAsync(string token, string clientId, CancellationToken cancellationToken) =>
        http.SendAsync<object>(HttpMethod.Delete, $"/v1/admin/clients/{Uri.EscapeDataString(clientId)}", null, token, cancellationToken);
}

/// <summary>An admin account as auth lists it (never its password).</summary>
public sealed record AdminAccount(string Email, string Role, IReadOnlyList<string> Domains, bool Disabled = false);

/// <summary>A mail filter client as listed (never its secret).</summary>
public sealed record ServiceClient(string ClientId, string Name, string Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A client just created, with its secret: shown once, on the page that created it.</summary>
public sealed record CreatedClient(string ClientId, string ClientSecret, string Name, string Role, DateTimeOffset CreatedAt)
{
    /// <summary>Never the secret: this may end up in a log line.</summary>
    public override string ToString() => $"client {ClientId}";
}
