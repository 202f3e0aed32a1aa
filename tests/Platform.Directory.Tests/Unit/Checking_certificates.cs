using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Platform.Directory.Connections;
using Platform.Directory.Failures;
using Xunit;

namespace Platform.Directory.Tests.Unit;

public sealed class Checking_certificates : IDisposable
{
    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _ca;

    public Checking_certificates()
    {
        var request = new CertificateRequest("CN=Test CA", _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        _ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-10), DateTimeOffset.UtcNow.AddDays(10));
    }

    [Theory]
    [InlineData("dc1.corp.example.com", null)]
    [InlineData("DC1.Corp.Example.com", null)]
    [InlineData("dc2.ad.example.com", null)]
    [InlineData("192.0.2.10", null)]
    [InlineData("ad.example.com", "not for 'ad.example.com'")]
    [InlineData("a.b.ad.example.com", "not for 'a.b.ad.example.com'")]
    [InlineData("192.0.2.11", "not for '192.0.2.11'")]
    [InlineData("dc1.corp.example.com.evil.com", "not for")]
    public void Accepts_only_names_the_certificate_lists(string host, string? problem)
    {
        using var server = Issue(["dc1.corp.example.com", "*.ad.example.com"], [IPAddress.Parse("192.0.2.10")]);

        var result = CertificateCheck.Problem(server, host, Trusted(), DateTime.UtcNow);

        if (problem is null)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.Contains(problem, result?.Message, StringComparison.Ordinal);
            Assert.Contains("dc1.corp.example.com, *.ad.example.com, 192.0.2.10", result?.Message, StringComparison.Ordinal);
            Assert.Equal(DirectoryFailureReasons.CertificateNameMismatch, result?.Reason);
            Assert.Contains((DirectoryFailureValues.CertificateNames, "dc1.corp.example.com, *.ad.example.com, 192.0.2.10"), result!.Values);
        }
    }

    [Fact]
    public void Checks_the_name_entered_even_localhost_which_libldap_would_replace_by_this_machines_name()
    {
        using var server = Issue(["localhost"], []);

        Assert.Null(CertificateCheck.Problem(server, "localhost", Trusted(), DateTime.UtcNow));
    }

    [Fact]
    public void Says_which_issuer_is_not_trusted()
    {
        using var server = Issue(["dc1.corp.example.com"], []);

        var withOtherCa = CertificateCheck.Problem(server, "dc1.corp.example.com", OtherCa(), DateTime.UtcNow);
        var withPublicCas = CertificateCheck.Problem(server, "dc1.corp.example.com", null, DateTime.UtcNow);

        Assert.Contains("is not trusted: it was issued by 'CN=Test CA', not by the CA certificate in the settings", withOtherCa?.Message, StringComparison.Ordinal);
        Assert.Contains("not by a public CA", withPublicCas?.Message, StringComparison.Ordinal);
        Assert.Equal(DirectoryFailureReasons.CertificateUntrusted, withOtherCa?.Reason);
        Assert.Contains((DirectoryFailureValues.Issuer, "CN=Test CA"), withOtherCa!.Values);
        Assert.Contains((DirectoryFailureValues.TrustedBy, "settings"), withOtherCa.Values);
        Assert.Contains((DirectoryFailureValues.TrustedBy, "public"), withPublicCas!.Values);
    }

    [Fact]
    public void Says_when_the_certificate_has_expired()
    {
        using var server = Issue(["dc1.corp.example.com"], []);

        var result = CertificateCheck.Problem(server, "dc1.corp.example.com", Trusted(), DateTime.UtcNow.AddDays(30));

        Assert.Contains("has expired or is not valid yet", result?.Message, StringComparison.Ordinal);
        Assert.Equal(DirectoryFailureReasons.CertificateExpired, result?.Reason);
        Assert.Contains(result!.Values, v => v.Name == DirectoryFailureValues.ValidUntil && v.Value.EndsWith('Z'));
    }

    public void Dispose()
    {
        _ca.Dispose();
        _caKey.Dispose();
    }

    private X509Certificate2Collection Trusted() => [_ca];

    private static X509Certificate2Collection OtherCa()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Other CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        return [request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1))];
    }

    private X509Certificate2 Issue(string[] names, IPAddress[] addresses)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + (names.FirstOrDefault() ?? "server"), key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            san.AddDnsName(name);
        }

        foreach (var address in addresses)
        {
            san.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        return request.Create(_ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(5), [1, 2, 3, 4]);
    }
}
