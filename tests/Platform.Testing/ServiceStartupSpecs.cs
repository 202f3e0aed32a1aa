using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// What every service host must show at start-up; each service's test project runs these against its own Program.
/// </summary>
public abstract class ServiceStartupSpecs<TProgram>
    where TProgram : class
{
    [Fact]
    public async Task Reports_ready_against_the_real_RabbitMQ_and_PostgreSQL()
    {
        await using var host = await ServiceHost<TProgram>.CreateAsync();
        var (status, checks) = await ReadinessWhen(host, s => s == HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", checks["rabbitmq"]);
        Assert.Equal("Healthy", checks["postgres"]);
    }

    [Fact]
    public async Task Reports_not_ready_but_live_while_PostgreSQL_is_unreachable()
    {
        await using var host = await ServiceHost<TProgram>.CreateAsync();
        var unreachable = new NpgsqlConnectionStringBuilder(host.ConnectionString) { Port = ClosedPort(), Timeout = 2 };
        host.With("ConnectionStrings:Postgres", unreachable.ConnectionString);

        // Given time to connect, it must stay not ready.
        var (status, checks) = await ReadinessWhen(host, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(6));
        var live = await host.CreateClient().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", checks["postgres"]);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Reports_not_ready_but_live_while_RabbitMQ_is_unreachable()
    {
        await using var host = await ServiceHost<TProgram>.CreateAsync();
        host.With("RabbitMq:Port", ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Given time to connect, it must stay not ready.
        var (status, checks) = await ReadinessWhen(host, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(6));
        var live = await host.CreateClient().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.NotEqual("Healthy", checks["rabbitmq"]);
        Assert.Equal("Healthy", checks["postgres"]);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    private static async Task<(HttpStatusCode Status, Dictionary<string, string> Checks)> ReadinessWhen(
        ServiceHost<TProgram> host, Func<HttpStatusCode, bool> done, TimeSpan? timeout = null)
    {
        using var client = host.CreateClient();
        return await Eventually.Get(
            async () =>
            {
                using var response = await client.GetAsync("/health/ready");
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                var checks = body.RootElement.GetProperty("checks").EnumerateObject()
                    .ToDictionary(c => c.Name, c => c.Value.GetProperty("status").GetString() ?? "");
                return (response.StatusCode, checks);
            },
            r => done(r.StatusCode),
            timeout);
    }

    /// <summary>A loopback port nothing listens on: bound, read and released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
