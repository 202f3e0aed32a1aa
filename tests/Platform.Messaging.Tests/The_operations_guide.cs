extern alias auth;
extern alias directorysync;
extern alias notifications;
extern alias reporting;

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Platform.Security;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.Messaging.Tests;

/// <summary>
/// docs/operations.md against the four running services: the queues it lists are the queues they declare, and the
/// metrics it lists are the instruments of the platform's own meters — so the SREs' guide cannot drift from the code.
/// </summary>
public sealed partial class The_operations_guide
{
    private static readonly string Guide = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "operations.md"));

    [Fact]
    public async Task Lists_exactly_the_consumer_queues_and_platform_metrics_the_services_have()
    {
        var instruments = new ConcurrentDictionary<string, bool>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name.StartsWith("Platform.", StringComparison.Ordinal))
                {
                    instruments[instrument.Name] = true;
                }
            },
        };
        listener.Start();
        await using var vhost = await RabbitMqVirtualHost.CreateAsync();
        await using var authHost = await ServiceHost<auth::Program>.StartOnAsync(vhost);
        await using var directorySync = await ServiceHost<directorysync::Program>.StartOnAsync(vhost);
        await using var notificationsHost = await ServiceHost<notifications::Program>.StartOnAsync(vhost);
        await using var reportingHost = await ServiceHost<reporting::Program>.StartOnAsync(vhost);
        // Instruments created on first use: a login answered, a recipient looked up.
        using var auth = authHost.CreateClient();
        await auth.PostAsJsonAsync("/v1/login", new { email = "not an address", password = "x" });
        using var filter = directorySync.CreateClient().As(new PlatformTokenRequest("smtp-edge", [PlatformRoles.MailFilter]));
        await filter.GetAsync("/v1/recipients/nobody@guide.example");

        using var management = RabbitMqVirtualHost.ManagementClient();
        var queues = JsonNode.Parse(await management.GetStringAsync($"api/queues/{vhost.Name}"))!.AsArray()
            .Where(q => q!["durable"]!.GetValue<bool>())
            .Select(q => q!["name"]!.GetValue<string>())
            // Each consumer queue's _error queue is declared with it (docs/operations.md says so once).
            .Where(name => !name.EndsWith("_error", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        listener.RecordObservableInstruments();

        Assert.Equal(Section("## Queues and what consumes them").Order(StringComparer.Ordinal), queues.Order(StringComparer.Ordinal));
        Assert.Equal(Section("### The platform's own").Order(StringComparer.Ordinal), instruments.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>The names in backticks in the first column of the section's first table.</summary>
    private static HashSet<string> Section(string heading)
    {
        var lines = Guide[Guide.IndexOf(heading, StringComparison.Ordinal)..].Split('\n').Skip(1)
            .SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).Skip(2);
        return lines.SelectMany(l => Names().Matches(l.Split('|')[1]).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Names();
}
