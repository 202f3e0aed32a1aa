using System.Diagnostics;
using System.Globalization;
using System.Text;
using Platform.Testing;

namespace Platform.Auth.Tests.Lockout;

/// <summary>
/// A user of the test's own in the local Samba AD (CN=Users), with aliases in <c>proxyAddresses</c> and a password
/// settings object (PSO) of its own applied to it alone: Samba counts <c>badPwdCount</c> only under a lockout
/// threshold, which the domain (0) does not set; the PSO's (1000, observed for an hour) counts every wrong password
/// and never locks during a test. Written with the LDAP tools as the domain's Administrator over LDAPS; removed after.
/// </summary>
internal sealed class SambaTestUser : IAsyncDisposable
{
    public const string Password = "Guess-Me-Not-42";

    private SambaTestUser(string sam)
    {
        Sam = sam;
    }

    public string Sam { get; }

    public string Address => $"{Sam}@example.com";

    public IReadOnlyList<string> Aliases => [$"{Sam}.alias@example.com", $"{Sam}.other@example.com"];

    public string Dn => $"CN={Sam},{Infrastructure.Get("ActiveDirectory:UsersDn")}";

    private string PsoDn => $"CN={Sam}-pso,CN=Password Settings Container,CN=System,{Infrastructure.Get("ActiveDirectory:BaseDn")}";

    public static async Task<SambaTestUser> CreateAsync()
    {
        var user = new SambaTestUser("g" + Guid.NewGuid().ToString("N")[..10]);
        var password = Convert.ToBase64String(Encoding.Unicode.GetBytes($"\"{Password}\""));
        await LdapAsync("ldapadd", $"""
            dn: {user.Dn}
            objectClass: user
            sAMAccountName: {user.Sam}
            userPrincipalName: {user.Address}
            mail: {user.Address}
            proxyAddresses: SMTP:{user.Address}
            proxyAddresses: smtp:{user.Aliases[0]}
            proxyAddresses: smtp:{user.Aliases[1]}
            unicodePwd:: {password}
            userAccountControl: 512

            dn: {user.PsoDn}
            objectClass: msDS-PasswordSettings
            msDS-PasswordSettingsPrecedence: 1
            msDS-PasswordReversibleEncryptionEnabled: FALSE
            msDS-PasswordHistoryLength: 0
            msDS-PasswordComplexityEnabled: FALSE
            msDS-MinimumPasswordLength: 0
            msDS-MinimumPasswordAge: 0
            msDS-MaximumPasswordAge: -9223372036854775808
            msDS-LockoutThreshold: 1000
            msDS-LockoutObservationWindow: -36000000000
            msDS-LockoutDuration: -36000000000
            msDS-PSOAppliesTo: {user.Dn}

            """);
        return user;
    }

    /// <summary>The entry's <c>badPwdCount</c>, and the lockout threshold that applies to it (the PSO's, else the domain's).</summary>
    public async Task<(int BadPasswords, int Threshold)> ReadLockoutAsync()
    {
        var entry = await LdapAsync("ldapsearch", "", ["-LLL", "-b", Dn, "-s", "base", "badPwdCount", "msDS-ResultantPSO"]);
        var pso = await LdapAsync("ldapsearch", "", ["-LLL", "-b", PsoDn, "-s", "base", "msDS-LockoutThreshold"]);
        return (Value(entry, "badPwdCount") ?? 0, Value(pso, "msDS-LockoutThreshold") ?? 0);
    }

    public async ValueTask DisposeAsync() => await LdapAsync("ldapdelete", "", [PsoDn, Dn]);

    private static int? Value(string ldif, string attribute) =>
        ldif.Split('\n').Where(l => l.StartsWith(attribute + ": ", StringComparison.OrdinalIgnoreCase))
            .Select(l => (int?)int.Parse(l[(attribute.Length + 2)..].Trim(), CultureInfo.InvariantCulture)).FirstOrDefault();

    private static async Task<string> LdapAsync(string tool, string input, IEnumerable<string>? arguments = null)
    {
        var start = new ProcessStartInfo(tool,
            ["-x", "-H", $"ldaps://127.0.0.1:{Infrastructure.Get("ActiveDirectory:LdapsPort")}", "-D", Infrastructure.Get("ActiveDirectory:AdminDn"),
             "-w", Infrastructure.Get("ActiveDirectory:AdminPassword"), .. arguments ?? []])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            Environment = { ["LDAPTLS_CACERT"] = Infrastructure.Get("Ldap:CaCertificatePath") },
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed: {error}");
        }

        return await output;
    }
}
