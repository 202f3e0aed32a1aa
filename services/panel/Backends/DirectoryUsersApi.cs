namespace Platform.Panel.Backends;

/// <summary>
/// directory-sync's API for a domain's admins: the managed list of email users (<c>/v1/domains/{domain}/users…</c>),
/// recipient verification (<c>…/recipient-verification</c>), and for platform admins the list of domains (<c>/v1/domains</c>).
/// </summary>
public sealed class DirectoryUsersApi(HttpClient http)
{
    public Task<ApiAnswer<UserPage>> ListAsync(string token, string domain, UserFilter filter, CancellationToken cancellationToken)
    {
        var query = QueryString.Create(new Dictionary<string, string?>
        {
            ["q"] = filter.Text, ["status"] = filter.Status, ["source"] = filter.Source, ["after"] = filter.After, ["limit"] = filter.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(p => !string.IsNullOrEmpty(p.Value)));
        return http.SendAsync<UserPage>(HttpMethod.Get, DomainPath(domain, "/users") + query, null, token, cancellationToken);
    }

    public Task<ApiAnswer<RegistryUser>> GetAsync(string token, string domain, string email, CancellationToken cancellationToken) =>
        http.SendAsync<RegistryUser>(HttpMethod.Get, UserPath(domain, email), null, token, cancellationToken);

    public Task<ApiAnswer<RegistryUser>> AddAsync(string token, string domain, string? email, CancellationToken cancellationToken) =>
        http.SendAsync<RegistryUser>(HttpMethod.Post, DomainPath(domain, "/users"), new { email }, token, cancellationToken);

    /// <summary>Deactivates (<c>inactive</c>) or reactivates (<c>active</c>) a user.</summary>
    public Task<ApiAnswer<RegistryUser>> SetStatusAsync(string token, string domain, string email, string status, CancellationToken cancellationToken) =>
        http.SendAsync<RegistryUser>(HttpMethod.Patch, UserPath(domain, email), new { status }, token, cancellationToken);

    /// <summary>Removes a user; the answer has no body, so success is a 204 status.</summary>
    public Task<ApiAnswer<object>> DeleteAsync(string token, string domain, string email, CancellationToken cancellationToken) =>
        http.SendAsync<object>(HttpMethod.Delete, UserPath(domain, email), null, token, cancellationToken);

    public Task<ApiAnswer<ImportReport>> ImportAsync(string token, string domain, IReadOnlyList<ImportRow> rows, CancellationToken cancellationToken) =>
        http.SendAsync<ImportReport>(HttpMethod.Post, DomainPath(domain, "/users/import"), new { users = rows }, token, cancellationToken);

    public Task<ApiAnswer<RecipientVerification>> GetRecipientVerificationAsync(string token, string domain, CancellationToken cancellationToken) =>
        http.SendAsync<RecipientVerification>(HttpMethod.Get, DomainPath(domain, "/recipient-verification"), null, token, cancellationToken);

    /// <summary>Sets the domain's callout server, or removes it with <paramref name="callout"/> null.</summary>
    public Task<ApiAnswer<RecipientVerification>> SetRecipientVerificationAsync(string token, string domain, Callout? callout, CancellationToken cancellationToken) =>
        http.SendAsync<RecipientVerification>(HttpMethod.Put, DomainPath(domain, "/recipient-verification"), new { callout }, token, cancellationToken);

    public Task<ApiAnswer<DomainPage>> DomainsAsync(string token, string? after, CancellationToken cancellationToken) =>
        http.SendAsync<DomainPage>(HttpMethod.Get, "/v1/domains" + (after is null ? "" : QueryString.Create("after", after)), null, token, cancellationToken);

    private static string DomainPath(string domain, string rest) => $"/v1/domains/{Uri.EscapeDataString(domain)}{rest}";

    private static string UserPath(string domain, string email) => DomainPath(domain, "/users/" + Uri.EscapeDataString(email));
}

/// <summary>The list's search (part of the address), filters and page; null or empty means any.</summary>
public sealed record UserFilter(string? Text, string? Status, string? Source, string? After, int Limit = 25);

public sealed record UserPage(IReadOnlyList<RegistryUser> Users, string? NextAfter);

/// <summary>An email user: source (directory, firstSpam, login, api), status (active, inactive), what the directory knows.</summary>
public sealed record RegistryUser(
    string Email, string Source, string Status, DirectoryRecord? Directory, IReadOnlyList<string> Aliases, DateTimeOffset FirstSeen, DateTimeOffset? LastLogin);

/// <summary>The directory's record: its id and active, disabled or removed.</summary>
public sealed record DirectoryRecord(string DirectoryId, string State);

public sealed record ImportRow(string Email, string? Status);

public sealed record ImportReport(int Added, int Updated, int Unchanged, int Rejected, IReadOnlyList<ImportRowResult> Rows);

/// <summary>One row's result: added, updated, unchanged, or rejected with a code.</summary>
public sealed record ImportRowResult(int Row, string? Email, string? NormalizedEmail, string Result, string? Code, string? Reason);

/// <summary>How the domain's recipients are verified: directory, callout, registry or none.</summary>
public sealed record RecipientVerification(string Domain, string Mode, Callout? Callout);

public sealed record Callout(string? Host, int? Port);

public sealed record DomainPage(IReadOnlyList<DomainSummary> Domains, string? NextAfter);

public sealed record DomainSummary(string Domain, DirectorySummary? Directory, LastSync? LastSync, long Users);

public sealed record DirectorySummary(string Kind, string Host, bool AutomaticSync, int SyncIntervalMinutes);

public sealed record LastSync(Guid RunId, string Trigger, string Status, DateTimeOffset RequestedAt, DateTimeOffset? FinishedAt, string? ErrorCode);
