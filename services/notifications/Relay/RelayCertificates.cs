using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Platform.Notifications.Relay;

/// <summary>Whether the relay's certificate is trusted: by the system's trust store, or only by our own CA when one is set.</summary>
internal static class RelayCertificates
{
    public static bool Trusted(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors, X509Certificate2? authority)
    {
        if (authority is null)
        {
            return errors == SslPolicyErrors.None;
        }

        // The name must match whoever issued it; the chain is built again, ending at our CA and nowhere else.
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }
}
