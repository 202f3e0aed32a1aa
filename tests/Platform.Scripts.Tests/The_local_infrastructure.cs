using System.Globalization;
using Platform.Testing;
using Xunit;

namespace Platform.Scripts.Tests;

public sealed class The_local_infrastructure
{
    [Fact]
    public async Task Changes_nothing_on_a_second_up_restarts_a_killed_server_and_stops_only_its_own()
    {
        // A private copy of the scripts, so this test owns its instances, state folder and ports.
        var root = System.IO.Directory.CreateTempSubdirectory("platform-infra-").FullName;
        await Shell.Run("cp", ["-a", Path.Combine(RepositoryRoot.Path, "infra"), root]);
        var script = Path.Combine(root, "infra", "infra.sh");
        var ports = new Dictionary<string, string>
        {
            ["PLATFORM_LDAP_PORT"] = Shell.FreePort().ToString(CultureInfo.InvariantCulture),
            ["PLATFORM_LDAPS_PORT"] = Shell.FreePort().ToString(CultureInfo.InvariantCulture),
            ["PLATFORM_SMTP_PORT"] = Shell.FreePort().ToString(CultureInfo.InvariantCulture),
        };
        try
        {
            var first = await Shell.Run(script, ["up", "ldap", "smtp"], ports);
            var second = await Shell.Run(script, ["up", "ldap", "smtp"], ports);
            var slapd = int.Parse(File.ReadAllText(Path.Combine(root, ".platform", "ldap", "slapd.pid")).Trim(), CultureInfo.InvariantCulture);
            await Shell.Run("kill", ["-KILL", slapd.ToString(CultureInfo.InvariantCulture)]);
            await Task.Delay(300);
            var afterKill = await Shell.Run(script, ["up", "ldap", "smtp"], ports);
            var down = await Shell.Run(script, ["down", "ldap", "smtp"]);
            var status = await Shell.Run(script, ["status", "ldap", "smtp"]);

            Assert.True(first.ExitCode == 0, first.Error);
            Assert.Equal(["started: ldap", "started: smtp"], Lines(first.Output));
            Assert.Equal(["running: ldap", "running: smtp"], Lines(second.Output));
            Assert.Equal(["started: ldap", "running: smtp"], Lines(afterKill.Output));
            Assert.Equal(0, down.ExitCode);
            Assert.Equal(3, status.ExitCode);
            Assert.All(ports.Values, port => Assert.False(Shell.Listening(int.Parse(port, CultureInfo.InvariantCulture))));
            // The project's own instances, started by ./platform test, were not touched.
            Assert.True(Shell.Listening(int.Parse(Infrastructure.Get("Ldap:Port"), CultureInfo.InvariantCulture)));
            Assert.True(Shell.Listening(int.Parse(Infrastructure.Get("Smtp:Port"), CultureInfo.InvariantCulture)));
        }
        finally
        {
            await Shell.Run(script, ["down"]);
            System.IO.Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("ldap", "-ZZ")]
    [InlineData("ldaps", "")]
    public async Task Serves_the_demo_directory_over_TLS_with_the_generated_CA(string scheme, string startTls)
    {
        var port = scheme == "ldaps" ? Infrastructure.Get("Ldap:LdapsPort") : Infrastructure.Get("Ldap:Port");
        var baseDn = Infrastructure.Get("Ldap:DemoBaseDn");
        var tls = new Dictionary<string, string> { ["LDAPTLS_CACERT"] = Infrastructure.Get("Ldap:CaCertificatePath") };
        string[] connection = [.. new[] { "-x", startTls }.Where(a => a.Length > 0), "-H", $"{scheme}://127.0.0.1:{port}"];

        var alice = await Shell.Run("ldapwhoami",
            [.. connection, "-D", $"uid=alice,ou=people,{baseDn}", "-w", Infrastructure.Get("Ldap:DemoUserPassword")], tls);
        var users = await Shell.Run("ldapsearch",
            [.. connection, "-D", Infrastructure.Get("Ldap:DemoServiceDn"), "-w", Infrastructure.Get("Ldap:DemoServicePassword"),
             "-b", $"ou=people,{baseDn}", "-LLL", "(objectClass=inetOrgPerson)", "mail", "userAccountControl"], tls);
        var wrongPassword = await Shell.Run("ldapwhoami",
            [.. connection, "-D", $"uid=alice,ou=people,{baseDn}", "-w", "not-her-password"], tls);
        var untrusted = await Shell.Run("ldapwhoami",
            [.. connection, "-D", $"uid=alice,ou=people,{baseDn}", "-w", Infrastructure.Get("Ldap:DemoUserPassword")],
            new Dictionary<string, string> { ["LDAPTLS_CACERT"] = "/etc/ssl/certs/ca-certificates.crt" });

        Assert.True(alice.ExitCode == 0, alice.Error);
        Assert.Equal($"dn:uid=alice,ou=people,{baseDn}", alice.Output.Trim());
        Assert.Equal(12, users.Output.Split('\n').Count(l => l.StartsWith("mail: ", StringComparison.Ordinal)));
        Assert.Equal(1, users.Output.Split('\n').Count(l => l.Trim() == "userAccountControl: 514"));
        Assert.Equal(49, wrongPassword.ExitCode);
        Assert.NotEqual(0, untrusted.ExitCode);
    }

    private static string[] Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
