using System.Text;
using System.Text.Json.Nodes;
using Platform.Testing;

namespace Platform.Messaging.Tests.Queues;

/// <summary>What RabbitMQ's management API says about a virtual host's queues and connections.</summary>
internal sealed class BrokerQueues(string virtualHost) : IDisposable
{
    private readonly HttpClient _management = RabbitMqVirtualHost.ManagementClient();

    public async Task<IReadOnlyList<JsonObject>> AllAsync() =>
        (await GetAsync($"api/queues/{Uri.EscapeDataString(virtualHost)}")).AsArray().OfType<JsonObject>().ToList();

    public async Task<JsonObject?> FindAsync(string name) =>
        (await AllAsync()).FirstOrDefault(q => (string?)q["name"] == name);

    /// <summary>Messages ready in the queue (the management API's view may lag by a few seconds).</summary>
    public async Task<long> ReadyAsync(string name) =>
        (await FindAsync(name))?["messages_ready"]?.GetValue<long>() ?? 0;

    /// <summary>The first message of a queue, put back where it was.</summary>
    public async Task<JsonObject?> PeekAsync(string name)
    {
        using var body = new StringContent("""{"count":1,"ackmode":"ack_requeue_true","encoding":"auto"}""", Encoding.UTF8, "application/json");
        using var response = await _management.PostAsync($"api/queues/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(name)}/get", body);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().OfType<JsonObject>().FirstOrDefault();
    }

    public void Dispose() => _management.Dispose();

    private async Task<JsonNode> GetAsync(string path) => JsonNode.Parse(await _management.GetStringAsync(path))!;
}
