using System.Globalization;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>The RabbitMQ nodes a bus may connect to, from <see cref="RabbitMqOptions"/>.</summary>
public static class BrokerNodes
{
    /// <summary>
    /// <see cref="RabbitMqOptions.Hosts"/> as host and port (the port defaults to <see cref="RabbitMqOptions.Port"/>);
    /// without any, the one node <see cref="RabbitMqOptions.Host"/>:<see cref="RabbitMqOptions.Port"/>.
    /// </summary>
    public static List<(string Host, ushort Port)> Parse(RabbitMqOptions options)
    {
        var hosts = options.Hosts.Where(h => !string.IsNullOrWhiteSpace(h)).ToList();
        return hosts.Count == 0
            ? [(options.Host, options.Port)]
            : hosts.Select(h => Node(h.Trim(), options.Port)).ToList();
    }

    private static (string Host, ushort Port) Node(string value, ushort defaultPort)
    {
        var colon = value.LastIndexOf(':');
        if (colon < 0 || value.EndsWith(']'))
        {
            return (value, defaultPort);
        }

        return ushort.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port > 0
            ? (value[..colon], port)
            : throw new ArgumentException($"RabbitMq:Hosts: '{value}' is not host[:port].", nameof(value));
    }
}
