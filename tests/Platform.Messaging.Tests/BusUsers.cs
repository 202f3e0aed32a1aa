using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Platform.Testing;

namespace Platform.Messaging.Tests;

/// <summary>
/// The platform's RabbitMQ users (infra/rabbitmq/permissions, as the local infrastructure provisions them) created for
/// one test's virtual host under names of the test's own, with the permissions of the file; deleted afterwards.
/// </summary>
internal sealed class BusUsers : IAsyncDisposable
{
    private readonly HttpClient _management = RabbitMqVirtualHost.ManagementClient();
    private readonly Dictionary<string, (string Name, string Password)> _users = new(StringComparer.Ordinal);

    private BusUsers()
    {
    }

    public (string Name, string Password) this[string user] => _users[user];

    public static async Task<BusUsers> CreateAsync(RabbitMqVirtualHost vhost)
    {
        var users = new BusUsers();
        foreach (var line in File.ReadLines(Path.Combine(RepositoryRoot.Path, "infra", "rabbitmq", "permissions")))
        {
            if (line.TrimStart().StartsWith('#') || line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is not [var user, var configure, var write, var read])
            {
                continue;
            }

            var name = $"{vhost.Name}-{user}";
            var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            users._users[user] = (name, password);
            (await users._management.PutAsJsonAsync($"api/users/{Uri.EscapeDataString(name)}", new JsonObject { ["password"] = password, ["tags"] = "" }))
                .EnsureSuccessStatusCode();
            (await users._management.PutAsJsonAsync($"api/permissions/{vhost.Name}/{Uri.EscapeDataString(name)}",
                new JsonObject { ["configure"] = configure, ["write"] = write, ["read"] = read })).EnsureSuccessStatusCode();
        }

        return users;
    }

    /// <summary>The host, set to connect as <paramref name="user"/>.</summary>
    public ServiceHost<T> As<T>(ServiceHost<T> host, string user)
        where T : class =>
        host.With("RabbitMq:Username", _users[user].Name).With("RabbitMq:Password", _users[user].Password);

    public async ValueTask DisposeAsync()
    {
        using (_management)
        {
            foreach (var (name, _) in _users.Values)
            {
                await _management.DeleteAsync($"api/users/{Uri.EscapeDataString(name)}");
            }
        }
    }
}
