using System.Globalization;
using Platform.Testing;
using Xunit;

namespace Platform.Scripts.Tests;

/// <summary>
/// The Samba AD DC that <c>./platform infra up</c> runs (component <c>samba</c>): a real Active Directory,
/// seen through OpenLDAP's command-line clients the way any LDAP client sees it.
/// </summary>
public sealed class The_active_directory
{
    private static string Host => Infrastructure.Get("ActiveDirectory:Host");

    private static Dictionary<string, string> TrustTheTestCa => new()
    {
        ["LDAPTLS_CACERT"] = Infrastructure.Get("Ldap:CaCertificatePath"),
    };

    [Fact]
    public async Task Refuses_a_simple_bind_over_plain_LDAP_with_strong_auth_required()
    {
        var bind = await Search(
            ["-H", $"ldap://{Host}:{Infrastructure.Get("ActiveDirectory:Port")}"],
            Infrastructure.Get("ActiveDirectory:ServiceUpn"), Infrastructure.Get("ActiveDirectory:ServicePassword"),
            "", "base", "(objectClass=*)", "dnsHostName");

        Assert.Equal(8, bind.ExitCode);
        Assert.Contains("Strong(er) authentication required", bind.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("starttls", "ActiveDirectory:ServiceUpn")]
    [InlineData("starttls", "ActiveDirectory:ServiceDn")]
    [InlineData("ldaps", "ActiveDirectory:ServiceUpn")]
    [InlineData("ldaps", "ActiveDirectory:ServiceDn")]
    public async Task Lets_the_service_account_bind_over_TLS_by_UPN_and_by_DN(string transport, string bindNameKey)
    {
        var serviceDn = Infrastructure.Get("ActiveDirectory:ServiceDn");

        var self = await Search(Connection(transport), Infrastructure.Get(bindNameKey),
            Infrastructure.Get("ActiveDirectory:ServicePassword"), serviceDn, "base", "(objectClass=user)", "sAMAccountName");

        Assert.True(self.ExitCode == 0, self.Error);
        var entry = Assert.Single(Entries(self.Output));
        Assert.Equal(serviceDn, entry["dn"].Single(), ignoreCase: true);
        Assert.Equal("platform-reader", entry["sAMAccountName"].Single());
    }

    [Theory]
    [InlineData("starttls")]
    [InlineData("ldaps")]
    public async Task Serves_the_demo_users_with_their_addresses_GUIDs_and_one_disabled_account(string transport)
    {
        var users = await Search(Connection(transport), Infrastructure.Get("ActiveDirectory:ServiceUpn"),
            Infrastructure.Get("ActiveDirectory:ServicePassword"), Infrastructure.Get("ActiveDirectory:UsersDn"), "sub",
            "(&(objectCategory=person)(objectClass=user)(mail=*))",
            "sAMAccountName", "userPrincipalName", "mail", "proxyAddresses", "objectGUID", "userAccountControl");

        Assert.True(users.ExitCode == 0, users.Error);
        var entries = Entries(users.Output).ToDictionary(e => e["sAMAccountName"].Single(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(12, entries.Count);
        Assert.All(entries.Values, user =>
        {
            var mail = user["mail"].Single();
            Assert.Contains($"SMTP:{mail}", user["proxyAddresses"]);
            Assert.Single(user["proxyAddresses"], p => p.StartsWith("SMTP:", StringComparison.Ordinal));
            Assert.Equal(16, Convert.FromBase64String(user["objectGUID::"].Single()).Length);
        });
        Assert.Equal(12, entries.Values.Select(u => u["objectGUID::"].Single()).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(
            ["SMTP:alice@example.com", "smtp:alice.smith@example.com", "smtp:sales@example.com"],
            entries["alice"]["proxyAddresses"].Where(p => !p.StartsWith("X500:", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Single(entries["alice"]["proxyAddresses"], p => p.StartsWith("X500:/o=", StringComparison.Ordinal));
        Assert.Equal("jdoe@corp.example.test", entries["jdoe"]["userPrincipalName"].Single());
        Assert.Equal("john.doe@example.com", entries["jdoe"]["mail"].Single());
        var disabled = Assert.Single(entries.Values,
            u => (int.Parse(u["userAccountControl"].Single(), CultureInfo.InvariantCulture) & 0x2) != 0);
        Assert.Equal("dave", disabled["sAMAccountName"].Single());
    }

    [Theory]
    [InlineData("starttls")]
    [InlineData("ldaps")]
    public async Task Rejects_a_wrong_password_with_invalid_credentials(string transport)
    {
        var wrong = await Search(Connection(transport), "alice@example.com", "Not-Her-Password-1",
            "", "base", "(objectClass=*)", "dnsHostName");
        var right = await Search(Connection(transport), "alice@example.com", Infrastructure.Get("ActiveDirectory:UserPassword"),
            "", "base", "(objectClass=*)", "dnsHostName");

        Assert.Equal(49, wrong.ExitCode);
        Assert.True(right.ExitCode == 0, right.Error);
    }

    [Fact]
    public async Task Presents_a_certificate_only_the_test_CA_vouches_for()
    {
        var untrusted = await Shell.Run("ldapsearch",
            ["-x", "-LLL", "-o", "nettimeout=10", "-H", $"ldaps://{Host}:{Infrastructure.Get("ActiveDirectory:LdapsPort")}",
             "-D", Infrastructure.Get("ActiveDirectory:ServiceUpn"), "-w", Infrastructure.Get("ActiveDirectory:ServicePassword"),
             "-b", "", "-s", "base", "(objectClass=*)", "dnsHostName"],
            new Dictionary<string, string> { ["LDAPTLS_CACERT"] = "/etc/ssl/certs/ca-certificates.crt" });

        Assert.NotEqual(0, untrusted.ExitCode);
    }

    private static string[] Connection(string transport) => transport switch
    {
        "starttls" => ["-ZZ", "-H", $"ldap://{Host}:{Infrastructure.Get("ActiveDirectory:Port")}"],
        "ldaps" => ["-H", $"ldaps://{Host}:{Infrastructure.Get("ActiveDirectory:LdapsPort")}"],
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, null),
    };

    private static Task<ShellResult> Search(
        string[] connection, string bindName, string password, string baseDn, string scope, string filter, params string[] attributes) =>
        Shell.Run("ldapsearch",
            ["-x", "-LLL", "-o", "ldif-wrap=no", "-o", "nettimeout=10", .. connection, "-D", bindName, "-w", password,
             "-b", baseDn, "-s", scope, filter, .. attributes],
            TrustTheTestCa);

    // Entries of unwrapped LDIF: attribute name -> values; base64 values keep their "name::" key.
    private static IEnumerable<Dictionary<string, List<string>>> Entries(string ldif) =>
        ldif.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(block => block.StartsWith("dn:", StringComparison.Ordinal))
            .Select(block => block.Split('\n')
                .Select(line => line.Split(": ", 2))
                .Where(parts => parts.Length == 2)
                .GroupBy(parts => parts[0].EndsWith(':') ? parts[0] + ":" : parts[0], StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.Select(parts => parts[1]).ToList(), StringComparer.OrdinalIgnoreCase));
}
