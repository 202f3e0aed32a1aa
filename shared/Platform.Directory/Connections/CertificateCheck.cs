using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Platform.Directory.Failures;

namespace Platform.Directory.Connections;

/// <summary>
/// Judges a server certificate — trusted chain, validity, a name matching the host the admin entered — and says
/// precisely what is wrong. libldap connects to checked addresses and checks no certificate itself: this is the check.
/// </summary>
internal static class CertificateCheck
{
    /// <summary>Null when <paramref name="certificate"/> is trusted and names <paramref name="host"/>; otherwise why not.</summary>
    public static CertificateProblem? Problem(X509Certificate2 certificate, string host, X509Certificate2Collection? trustedCas, DateTime now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now;
        if (trustedCas is { Count: > 0 })
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(trustedCas);
            chain.ChainPolicy.ExtraStore.AddRange(trustedCas);
        }

        var subject = certificate.Subject;
        if (!chain.Build(certificate))
        {
            var statuses = chain.ChainStatus.Select(s => s.Status).ToHashSet();
            if (statuses.Contains(X509ChainStatusFlags.NotTimeValid))
            {
                return new(DirectoryFailureReasons.CertificateExpired,
                    $"The server's certificate ({subject}) has expired or is not valid yet: it is valid from "
                    + $"{certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} to {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC.",
                    [(DirectoryFailureValues.Subject, subject), (DirectoryFailureValues.ValidFrom, Utc(certificate.NotBefore)),
                        (DirectoryFailureValues.ValidUntil, Utc(certificate.NotAfter))]);
            }

            var inSettings = trustedCas is { Count: > 0 };
            var trusted = inSettings ? "the CA certificate in the settings" : "a public CA";
            return statuses.Overlaps([X509ChainStatusFlags.UntrustedRoot, X509ChainStatusFlags.PartialChain])
                ? new(DirectoryFailureReasons.CertificateUntrusted,
                    $"The server's certificate ({subject}) is not trusted: it was issued by '{certificate.Issuer}', not by {trusted}.",
                    [(DirectoryFailureValues.Subject, subject), (DirectoryFailureValues.Issuer, certificate.Issuer),
                        (DirectoryFailureValues.TrustedBy, inSettings ? "settings" : "public")])
                : new(DirectoryFailureReasons.CertificateInvalid,
                    $"The server's certificate ({subject}) is not trusted: "
                    + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0)) + ".",
                    [(DirectoryFailureValues.Subject, subject)]);
        }

        var names = Names(certificate);
        var listed = string.Join(", ", names.Select(n => n.ToString()));
        return Matches(names, host)
            ? null
            : new(DirectoryFailureReasons.CertificateNameMismatch,
                $"The server's certificate is for {listed}, not for '{host}' — connect using one of the names it lists.",
                [(DirectoryFailureValues.Subject, subject), (DirectoryFailureValues.CertificateNames, listed)]);
    }

    private static string Utc(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static List<object> Names(X509Certificate2 certificate)
    {
        var names = new List<object>();
        foreach (var extension in certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>())
        {
            names.AddRange(extension.EnumerateDnsNames());
            names.AddRange(extension.EnumerateIPAddresses());
        }

        if (names.Count == 0 && certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false) is { Length: > 0 } commonName)
        {
            names.Add(commonName);
        }

        return names;
    }

    private static bool Matches(List<object> names, string host)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return names.OfType<IPAddress>().Any(a => a.Equals(address));
        }

        host = host.TrimEnd('.');
        foreach (var name in names.OfType<string>())
        {
            if (string.Equals(name, host, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            // "*.example.com" matches exactly one label: "dc1.example.com", not "example.com" or "a.b.example.com".
            var dot = host.IndexOf('.', StringComparison.Ordinal);
            if (name.StartsWith("*.", StringComparison.Ordinal) && dot > 0
                && string.Equals(name[1..], host[dot..], StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>What is wrong with a certificate: a <see cref="DirectoryFailureReasons"/> reason, the English words and their values.</summary>
internal sealed record CertificateProblem(string Reason, string Message, (string Name, string Value)[] Values);
