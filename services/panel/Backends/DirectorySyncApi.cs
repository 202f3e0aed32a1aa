using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Panel.Backends;

/// <summary>
/// directory-sync's API for a domain's admins: the directory settings (<c>GET/PUT …/directory</c>), Save &amp; test
/// (<c>POST …/directory/test</c>), sync now and the sync history with its held removals (<c>…/directory/sync(s)</c>).
/// </summary>
public sealed class DirectorySyncApi(HttpClient http)
{
    /// <summary>The body leaves out what is not given: a left-out bind password keeps the saved one.</summary>
    private static readonly JsonSerializerOptions Body = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public Task<ApiAnswer<DirectorySettingsView>> GetSettingsAsync(string accessToken, string domain, CancellationToken cancellationToken) =>
        SendAsync<DirectorySettingsView>(HttpMethod.Get, domain, "/directory", null, accessToken, cancellationToken);

    /// <param name="version">The version the admin saw (If-Match): a change saved meanwhile is refused, not overwritten.</param>
    public async Task<ApiAnswer<DirectorySettingsView>> SaveSettingsAsync(
        string accessToken, string domain, DirectoryDocument document, long? version, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Put, domain, "/directory", document);
        if (version is { } seen)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{seen}\"");
        }

        return await http.SendAsync<DirectorySettingsView>(request, accessToken, cancellationToken);
    }

    /// <summary>Tests the saved settings step by step and plans a sync without changing anything (the dry run).</summary>
    public Task<ApiAnswer<ConnectionTestView>> TestSavedAsync(string accessToken, string domain, CancellationToken cancellationToken) =>
        SendAsync<ConnectionTestView>(HttpMethod.Post, domain, "/directory/test", null, accessToken, cancellationToken);

    public Task<ApiAnswer<SyncAccepted>> SyncNowAsync(string accessToken, string domain, CancellationToken cancellationToken) =>
        SendAsync<SyncAccepted>(HttpMethod.Post, domain, "/directory/sync", null, accessToken, cancellationToken);

    public Task<ApiAnswer<List<SyncRunView>>> SyncsAsync(string accessToken, string domain, DateTimeOffset? before, CancellationToken cancellationToken) =>
        SendAsync<List<SyncRunView>>(HttpMethod.Get, domain,
            "/directory/syncs?limit=" + SyncPageSize + (before is { } b ? "&before=" + Uri.EscapeDataString(b.ToString("o", System.Globalization.CultureInfo.InvariantCulture)) : ""),
            null, accessToken, cancellationToken);

    public Task<ApiAnswer<SyncRunDetails>> SyncAsync(string accessToken, string domain, Guid runId, long? after, CancellationToken cancellationToken) =>
        SendAsync<SyncRunDetails>(HttpMethod.Get, domain, $"/directory/syncs/{runId}?limit={ChangePageSize}" + (after is { } a ? $"&after={a}" : ""),
            null, accessToken, cancellationToken);

    /// <summary>Confirms (removes them now) or dismisses the removals a run's deletion guard held.</summary>
    public Task<ApiAnswer<SyncRunView>> DecideHeldRemovalsAsync(string accessToken, string domain, Guid runId, bool confirm, CancellationToken cancellationToken) =>
        SendAsync<SyncRunView>(HttpMethod.Post, domain, $"/directory/syncs/{runId}/held-removals/" + (confirm ? "confirm" : "dismiss"), null, accessToken,
            cancellationToken);

    public const int SyncPageSize = 25;

    public const int ChangePageSize = 100;

    private async Task<ApiAnswer<T>> SendAsync<T>(HttpMethod method, string domain, string path, object? body, string accessToken, CancellationToken cancellationToken)
    {
        using var request = Request(method, domain, path, body);
        return await http.SendAsync<T>(request, accessToken, cancellationToken);
    }

    private static HttpRequestMessage Request(HttpMethod method, string domain, string path, object? body) =>
        new(method, $"/v1/domains/{Uri.EscapeDataString(domain)}{path}") { Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: Body) };
}
