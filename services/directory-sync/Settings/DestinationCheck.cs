using System.Net.Sockets;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Directory.Egress;
using Platform.Directory.Failures;
using Platform.ServiceDefaults.Http;

namespace Platform.DirectorySync.Settings;

/// <summary>
/// Refuses, when settings are saved, hosts the platform would not connect to (<see cref="EgressPolicy"/>): the
/// admin learns it at once instead of from the first sync. Connections check again each time they are opened.
/// </summary>
internal static class DestinationCheck
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The directory's host or failover host, refused; or null.</summary>
    public static Task<ProblemHttpResult?> RefusedAsync(SavedSettings saved, EgressPolicy egress, TimeProvider time, CancellationToken cancellationToken) =>
        RefusedAsync([("host", saved.Host), ("failoverHost", saved.FailoverHost)], SettingsValidation.ToClientSettings(saved, null).EffectivePort, egress, time, cancellationToken);

    /// <summary>
    /// A problem naming the first refused field, or null. A name that does not resolve is left to the connection
    /// test (or the callout's answer).
    /// </summary>
    public static async Task<ProblemHttpResult?> RefusedAsync(
        IEnumerable<(string Field, string? Host)> hosts, int port, EgressPolicy egress, TimeProvider time, CancellationToken cancellationToken)
    {
        foreach (var (field, host) in hosts)
        {
            if (host is null)
            {
                continue;
            }

            try
            {
                await egress.ResolveAsync(host, port, ResolveTimeout, time, cancellationToken);
            }
            catch (EgressRefusedException)
            {
                return Refused(field, host);
            }
            catch (Exception e) when (e is SocketException or ArgumentException or TimeoutException)
            {
                // Not resolvable now: saving is still allowed, and the connection test explains the DNS failure.
            }
        }

        return null;
    }

    private static ProblemHttpResult Refused(string field, string host) => FieldProblems.Result(
        DirectoryFailureCodes.DestinationNotAllowed, "The platform does not connect to this host.",
        "Enter the public name or IP address of your server. A server reached only over a VPN or "
            + "private link needs its network allowed by the platform's operator.",
        [new(field, DirectorySettingsFieldCodes.DestinationNotAllowed,
            $"'{host}' is, or resolves to, an address the platform does not connect to (loopback, link-local, private networks, the platform's own services).")]);
}
