using System.Net;
using System.Globalization;
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
        Assert.Equal("Healthy", checks["bus"]);
        Assert.Equal("Healthy", checks["postgres"]);
    }

    [Fact]
    public async Task Turns_not_ready_but_stays_live_while_PostgreSQL_is_unreachable_and_recovers()
    {
        await using var host = await ServiceHost<TProgram>.CreateAsync();
        var connection = new NpgsqlConnectionStringBuilder(host.ConnectionString);
        await using var proxy = TcpProxy.Start(connection.Host!, connection.Port);
        connection.Port = proxy.Port;
        connection.Timeout = 2;
        host.With("ConnectionStrings:Postgres", connection.ConnectionString);
        var (before, _) = await ReadinessWhen(host, s => s == HttpStatusCode.OK);

        proxy.Cut();
        var (during, checks) = await ReadinessWhen(host, s => s == HttpStatusCode.ServiceUnavailable);
        var live = await host.CreateClient().GetAsync("/health/live");
        proxy.Restore();
        var (after, _) = await ReadinessWhen(host, s => s == HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, before);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during);
        Assert.Equal("Unhealthy", checks["postgres"]);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after);
    }

    [Fact]
    public async Task Turns_not_ready_but_stays_live_while_RabbitMQ_is_unreachable_and_recovers()
    {
        await using var host = await ServiceHost<TProgram>.CreateAsync();
        await using var proxy = TcpProxy.Start(Infrastructure.Get("RabbitMq:Host"), int.Parse(Infrastructure.Get("RabbitMq:Port"), CultureInfo.InvariantCulture));
        host.With("RabbitMq:Port", proxy.Port.ToString(CultureInfo.InvariantCulture));
        var (before, _) = await ReadinessWhen(host, s => s == HttpStatusCode.OK);

        proxy.Cut();
        var (during, checks) = await ReadinessWhen(host, s => s == HttpStatusCode.ServiceUnavailable);
        var live = await host.CreateClient().GetAsync("/health/live");
        proxy.Restore();
        var (after, _) = await ReadinessWhen(host, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(90));

        Assert.Equal(HttpStatusCode.OK, before);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during);
        Assert.Equal("Unhealthy", checks["rabbitmq"]);
        Assert.Equal("Healthy", checks["postgres"]);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after);
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
}
