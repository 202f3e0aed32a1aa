using System.Data.Common;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace Platform.Directory.Egress;

/// <summary>A platform endpoint as configured: a host (name or address) and port.</summary>
public sealed record ConfiguredEndpoint(string Host, int Port, string Name);

/// <summary>The platform's own endpoints, read from the service's own configuration.</summary>
public static class PlatformEndpoints
{
    /// <summary>
    /// PostgreSQL (every connection string), RabbitMQ (AMQP and management), the SMTP relay, the service's own HTTP
    /// ports and <see cref="EgressOptions.PlatformEndpoints"/>.
    /// </summary>
    public static IReadOnlyList<ConfiguredEndpoint> From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var endpoints = new List<ConfiguredEndpoint>();
        foreach (var connectionString in configuration.GetSection("ConnectionStrings").GetChildren().Select(c => c.Value)
                     .Append(configuration["Postgres:AdminConnectionString"]))
        {
            endpoints.AddRange(Postgres(connectionString));
        }

        var rabbit = configuration["RabbitMq:Host"] ?? "localhost";
        endpoints.Add(new(rabbit, Port(configuration["RabbitMq:Port"], 5672), "RabbitMQ"));
        endpoints.Add(new(rabbit, Port(configuration["RabbitMq:ManagementPort"], 15672), "RabbitMQ management"));
        if (configuration["Smtp:Host"] is { Length: > 0 } smtp)
        {
            endpoints.Add(new(smtp, Port(configuration["Smtp:Port"], 25), "SMTP relay"));
        }

        endpoints.AddRange(HttpPorts(configuration).Select(p => new ConfiguredEndpoint("localhost", p, "service")));
        endpoints.AddRange(List(configuration[$"{EgressOptions.Section}:PlatformEndpoints"]).Select(Parse).OfType<ConfiguredEndpoint>());
        return endpoints.Distinct().ToList();
    }

    internal static IEnumerable<string> List(string? value) =>
        (value ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IEnumerable<ConfiguredEndpoint> Postgres(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            yield break;
        }

        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            yield break;
        }

        if (!builder.TryGetValue("Host", out var host) && !builder.TryGetValue("Server", out host))
        {
            yield break;
        }

        var port = builder.TryGetValue("Port", out var p) ? Port(Convert.ToString(p, CultureInfo.InvariantCulture), 5432) : 5432;
        // Npgsql accepts several hosts, each optionally with its port.
        foreach (var entry in List(Convert.ToString(host, CultureInfo.InvariantCulture)))
        {
            yield return !IPAddress.TryParse(entry, out _) && Parse(entry) is { } withPort
                ? withPort with { Name = "PostgreSQL" }
                : new ConfiguredEndpoint(entry, port, "PostgreSQL");
        }
    }

    /// <summary>The ports of urls / ASPNETCORE_URLS, Kestrel endpoints and ASPNETCORE_HTTP(S)_PORTS.</summary>
    private static IEnumerable<int> HttpPorts(IConfiguration configuration)
    {
        var urls = List(configuration["urls"]).Concat(List(configuration["ASPNETCORE_URLS"]))
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        foreach (var url in urls)
        {
            // "http://+:8080" and "http://*:8080" are not valid URIs; the port is what matters.
            if (Uri.TryCreate(url.Replace("://+", "://any", StringComparison.Ordinal).Replace("://*", "://any", StringComparison.Ordinal), UriKind.Absolute, out var uri))
            {
                yield return uri.Port;
            }
        }

        foreach (var key in new[] { "http_ports", "https_ports", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS" })
        {
            foreach (var port in List(configuration[key]))
            {
                if (int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    yield return value;
                }
            }
        }
    }

    private static ConfiguredEndpoint? Parse(string entry)
    {
        var colon = entry.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(entry[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return null;
        }

        return new ConfiguredEndpoint(entry[..colon].Trim('[', ']'), port, "platform");
    }

    private static int Port(string? value, int fallback) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535 ? port : fallback;
}
