using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Platform.Directory.Tests.Fixtures;

internal static class TestCertificates
{
    /// <summary>A CA that issued nothing the test server presents: trusting only it must fail the handshake.</summary>
    public static string UnrelatedCaPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Unrelated Test CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.ExportCertificatePem();
    }
}
