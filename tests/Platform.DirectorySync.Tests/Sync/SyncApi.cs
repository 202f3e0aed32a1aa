using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests.Sync;

/// <summary>What the sync tests do through the API and read from the service's outbox.</summary>
internal static class SyncApi
{
    /// <summary>Asks for a sync now and returns the run's details (with up to 500 changes) once it has ended.</summary>
    public static async Task<JsonNode> SyncAsync(HttpClient admin, string domain, string? mode = null)
    {
        var accepted = await admin.PostAsync($"/v1/domains/{domain}/directory/sync" + (mode is null ? "" : $"?mode={mode}"), null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var runId = JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!["runId"]!.GetValue<Guid>();
        return await Eventually.Get(
            async () => JsonNode.Parse(await admin.GetStringAsync($"/v1/domains/{domain}/directory/syncs/{runId}?limit=500"))!,
            r => r["run"]!["status"]!.GetValue<string>() is "completed" or "failed", TimeSpan.FromSeconds(60));
    }

    /// <summary>The bodies of the outbox messages of one contract type, in outbox order.</summary>
    public static Task<List<JsonNode>> OutboxAsync(string connectionString, string type) =>
        OutboxMessages.ReadAsync(connectionString, "directory_sync", type);
}
