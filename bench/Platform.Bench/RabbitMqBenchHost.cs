using System.Net.Http.Headers;
using System.Text;

namespace Platform.Bench;

/// <summary>A virtual host of the benchmark's own with a durable queue bound to an exchange, so published messages are routed and stored.</summary>
internal sealed class RabbitMqBenchHost(BenchSettings settings, string name) : IAsyncDisposable
{
    private readonly HttpClient _management = new()
    {
        BaseAddress = new Uri($"http://{settings.RabbitHost}:{settings.RabbitManagementPort}/"),
        DefaultRequestHeaders =
        {
            Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.RabbitUser}:{settings.RabbitPassword}"))),
        },
    };

    public string Name => name;

    /// <summary>The virtual host alone, for services that declare their own exchanges and queues.</summary>
    public async Task CreateAsync()
    {
        await Put($"api/vhosts/{name}", "{}");
        await Put($"api/permissions/{name}/{Uri.EscapeDataString(settings.RabbitUser)}", """{"configure":".*","write":".*","read":".*"}""");
    }

    public async Task CreateWithSinkAsync(string exchange, string queue)
    {
        await CreateAsync();
        await Put($"api/exchanges/{name}/{Uri.EscapeDataString(exchange)}", """{"type":"fanout","durable":true}""");
        await Put($"api/queues/{name}/{queue}", """{"durable":true}""");
        (await _management.PostAsync($"api/bindings/{name}/e/{Uri.EscapeDataString(exchange)}/q/{queue}", Json("{}"))).EnsureSuccessStatusCode();
    }

    /// <summary>Empties the queue, so each measurement starts from the same broker state.</summary>
    public async Task PurgeAsync(string queue) =>
        (await _management.DeleteAsync($"api/queues/{name}/{queue}/contents")).EnsureSuccessStatusCode();

    public async ValueTask DisposeAsync()
    {
        using (_management)
        {
            await _management.DeleteAsync($"api/vhosts/{name}");
        }
    }

    private async Task Put(string path, string body) => (await _management.PutAsync(path, Json(body))).EnsureSuccessStatusCode();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
