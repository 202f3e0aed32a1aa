using System.Net.Http.Headers;
using System.Text;

namespace Platform.Testing;

/// <summary>
/// A RabbitMQ virtual host of the test's own, created through the management API and deleted afterwards, so tests
/// that start the same service in parallel never compete for each other's queues.
/// </summary>
public sealed class RabbitMqVirtualHost : IAsyncDisposable
{
    private readonly HttpClient _management;

    private RabbitMqVirtualHost(HttpClient management, string name)
    {
        _management = management;
        Name = name;
    }

    public string Name { get; }

    public static async Task<RabbitMqVirtualHost> CreateAsync()
    {
        var management = ManagementClient();
        var name = "test-" + Guid.NewGuid().ToString("N")[..12];
        var user = Infrastructure.Get("RabbitMq:Username");
        (await management.PutAsync($"api/vhosts/{name}", Json("{}"))).EnsureSuccessStatusCode();
        (await management.PutAsync(
            $"api/permissions/{name}/{Uri.EscapeDataString(user)}",
            Json("""{"configure":".*","write":".*","read":".*"}"""))).EnsureSuccessStatusCode();
        return new RabbitMqVirtualHost(management, name);
    }

    public static HttpClient ManagementClient()
    {
        var client = new HttpClient
        {
            BaseAddress = new Uri($"http://{Infrastructure.Get("RabbitMq:Host")}:{Infrastructure.Get("RabbitMq:ManagementPort")}/"),
        };
        var credentials = $"{Infrastructure.Get("RabbitMq:Username")}:{Infrastructure.Get("RabbitMq:Password")}";
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        using (_management)
        {
            await _management.DeleteAsync($"api/vhosts/{Name}");
        }
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
