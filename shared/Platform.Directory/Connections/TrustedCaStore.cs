using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Platform.Directory.Connections;

/// <summary>
/// Per-domain CA certificates as directories libldap can trust (<see cref="System.DirectoryServices.Protocols.LdapSessionOptions.TrustedCertificatesDirectory"/>).
/// </summary>
/// <remarks>
/// One private directory (mode 0700, under the temp folder) per distinct PEM, holding <c>ca.pem</c>. Verified on
/// Debian 12 (libldap 2.5, OpenSSL 3): every file in the directory is read, so no c_rehash <c>&lt;hash&gt;.0</c> name is
/// needed, and a connection given such a directory trusts only those CAs, not the system bundle. The directories
/// are deleted when the store is disposed.
/// </remarks>
internal sealed class TrustedCaStore : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<string>> _directories = new(StringComparer.Ordinal);
    private readonly Lazy<DirectoryInfo> _root = new(() => System.IO.Directory.CreateTempSubdirectory("platform-directory-ca-"));

    /// <summary>The directory holding <paramref name="pem"/>'s certificates, created on first use.</summary>
    public string DirectoryFor(string pem)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(pem)));
        return _directories.GetOrAdd(key, k => new Lazy<string>(() => Write(k, pem))).Value;
    }

    /// <summary>The certificates of a PEM text (validated settings guarantee at least one).</summary>
    public static X509Certificate2Collection Read(string pem)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(pem);
        return certificates;
    }

    public void Dispose()
    {
        if (_root.IsValueCreated)
        {
            try
            {
                _root.Value.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Left behind in the temp folder; it holds only public CA certificates.
            }
        }
    }

    private string Write(string key, string pem)
    {
        var directory = _root.Value.CreateSubdirectory(key[..16]);
        if (!OperatingSystem.IsWindows())
        {
            directory.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }

        // Re-export what parsed, so that only certificates (no keys, no junk) land on disk.
        var text = new StringBuilder();
        foreach (var certificate in Read(pem))
        {
            text.AppendLine(certificate.ExportCertificatePem());
            certificate.Dispose();
        }

        File.WriteAllText(Path.Combine(directory.FullName, "ca.pem"), text.ToString());
        return directory.FullName;
    }
}
