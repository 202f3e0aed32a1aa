using System.Security.Cryptography;
using System.Text;

namespace Platform.Bench.Sync;

/// <summary>The LDIF of the bench directory (see <see cref="BenchDirectory"/>), for slapadd.</summary>
internal static class BenchLdif
{
    public static async Task WriteAsync(string path, int users, string servicePassword, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16);
        writer.NewLine = "\n";
        await writer.WriteAsync($"""
            dn: {BenchDirectory.SuffixDn}
            objectClass: dcObject
            objectClass: organization
            dc: bench
            o: Platform bench

            dn: {BenchDirectory.BaseDn}
            objectClass: organizationalUnit
            ou: people

            dn: ou=services,{BenchDirectory.SuffixDn}
            objectClass: organizationalUnit
            ou: services

            dn: {BenchDirectory.ServiceDn}
            objectClass: organizationalRole
            objectClass: simpleSecurityObject
            cn: sync-reader
            userPassword: {Ssha(servicePassword)}


            """.ReplaceLineEndings("\n"));
        // One hash for everyone: users can bind (the login benchmark), at the price of one SSHA.
        var userPassword = Ssha(BenchDirectory.UserPassword);
        for (var n = 1; n <= users; n++)
        {
            if (n % 10_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var uid = BenchDirectory.Uid(n);
            var number = uid[4..];
            writer.WriteLine($"dn: {BenchDirectory.UserDn(n)}");
            writer.WriteLine("objectClass: inetOrgPerson");
            if (BenchDirectory.HasAliases(n))
            {
                writer.WriteLine("objectClass: platformUser");
            }

            writer.WriteLine($"uid: {uid}");
            writer.WriteLine($"cn: Bench User {number}");
            writer.WriteLine($"sn: User {number}");
            writer.WriteLine("givenName: Bench");
            writer.WriteLine($"displayName: Bench User {number}");
            writer.WriteLine($"mail: {BenchDirectory.Address(n)}");
            writer.WriteLine($"userPassword: {userPassword}");
            if (BenchDirectory.HasAliases(n))
            {
                writer.WriteLine($"mailAlternateAddress: bench.user.{number}@{BenchDirectory.MailDomain}");
                writer.WriteLine($"mailAlternateAddress: team-{number}@{BenchDirectory.MailDomain}");
            }

            // Attributes a sync does not read, so that entries are not smaller than real ones.
            writer.WriteLine($"title: Engineer {n % 97}");
            writer.WriteLine($"telephoneNumber: +1 555 {number}");
            writer.WriteLine();
        }
    }

    public static string Ssha(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(8);
        var hash = SHA1.HashData([.. Encoding.UTF8.GetBytes(password), .. salt]);
        return "{SSHA}" + Convert.ToBase64String([.. hash, .. salt]);
    }
}
