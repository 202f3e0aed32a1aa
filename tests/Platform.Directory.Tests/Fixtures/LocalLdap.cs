using System.Globalization;
using Platform.Directory.Egress;
using Platform.Testing;

namespace Platform.Directory.Tests.Fixtures;

/// <summary>The local slapd that <c>./platform infra up</c> runs, as .platform/env describes it.</summary>
internal static class LocalLdap
{
    public const string Host = "127.0.0.1";

    public static int Port => int.Parse(Infrastructure.Get("Ldap:Port"), CultureInfo.InvariantCulture);

    public static int LdapsPort => int.Parse(Infrastructure.Get("Ldap:LdapsPort"), CultureInfo.InvariantCulture);

    public static string CaPem => File.ReadAllText(Infrastructure.Get("Ldap:CaCertificatePath"));

    public static string TestsBaseDn => Infrastructure.Get("Ldap:TestsBaseDn");

    public static string AdminDn => Infrastructure.Get("Ldap:TestsAdminDn");

    public static string AdminPassword => Infrastructure.Get("Ldap:AdminPassword");

    /// <summary>The platform's outgoing addresses the tests configure (documentation ranges, RFC 5737).</summary>
    public static IReadOnlyList<string> OutgoingAddresses { get; } = ["203.0.113.7", "198.51.100.9"];

    /// <summary>
    /// The egress policy of the tests, as <c>./platform up</c> configures it: loopback allowed (the local directories
    /// live there), the platform's own endpoints of <c>.platform/env</c> refused.
    /// </summary>
    public static EgressPolicy Egress { get; } = EgressPolicy.From(Infrastructure.WithLoopbackAllowed);

    public static DirectoryClientFactory Factory(Action<DirectoryClientOptions>? configure = null)
    {
        var options = new DirectoryClientOptions { OutgoingAddresses = [.. OutgoingAddresses] };
        configure?.Invoke(options);
        return new DirectoryClientFactory(options, egress: Egress);
    }
}
