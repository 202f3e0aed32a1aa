using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Platform.Security.Tokens;
using Xunit;

namespace Platform.Security.Tests.Tokens;

public sealed class Issuing_platform_tokens
{
    private readonly TestKeyPair _keys = TestKeyPair.Create();

    [Fact]
    public void Signs_with_ES256_and_names_the_key_by_the_thumbprint_of_its_public_key()
    {
        using var issuer = new PlatformTokenIssuer(_keys.Options());

        var jwt = new JsonWebToken(issuer.Issue(PlatformTokenRequest.PlatformAdmin("u-1"), TimeSpan.FromMinutes(5)).Token);

        Assert.Equal("ES256", jwt.Alg);
        Assert.Equal("at+jwt", jwt.Typ);
        var thumbprint = Base64UrlThumbprint(_keys.PublicKey);
        Assert.Equal(thumbprint, jwt.Kid);
        Assert.Equal(thumbprint, issuer.KeyId);
        Assert.Equal(_keys.PublicKey, issuer.PublicKey);
    }

    [Fact]
    public void Carries_subject_roles_domains_email_and_authentication_methods()
    {
        using var issuer = new PlatformTokenIssuer(_keys.Options());
        var request = PlatformTokenRequest.DomainAdmin("admin-7", "a.example", "Bücher.Example") with { AuthenticationMethods = ["pwd", "otp"] };

        var issued = issuer.Issue(request, TimeSpan.FromMinutes(15));
        var jwt = new JsonWebToken(issued.Token);

        Assert.Equal("admin-7", jwt.Subject);
        Assert.Equal(TestKeyPair.Issuer, jwt.Issuer);
        Assert.Equal([TestKeyPair.Audience], jwt.Audiences);
        Assert.Equal(issued.Id, jwt.Id);
        Assert.Equal([PlatformRoles.DomainAdmin], jwt.Claims.Where(c => c.Type == "role").Select(c => c.Value));
        Assert.Equal(["a.example", "xn--bcher-kva.example"], jwt.Claims.Where(c => c.Type == "domain").Select(c => c.Value));
        Assert.Equal(["pwd", "otp"], jwt.Claims.Where(c => c.Type == "amr").Select(c => c.Value));
        Assert.Equal(issued.IssuedAt.UtcDateTime, jwt.IssuedAt);
        Assert.Equal(issued.IssuedAt.UtcDateTime, jwt.ValidFrom);
        Assert.Equal(issued.ExpiresAt.UtcDateTime, jwt.ValidTo);
        Assert.Equal(TimeSpan.FromMinutes(15), jwt.ValidTo - jwt.IssuedAt);
    }

    [Fact]
    public void Gives_an_email_user_the_domain_of_their_address()
    {
        using var issuer = new PlatformTokenIssuer(_keys.Options());

        var jwt = new JsonWebToken(issuer.Issue(PlatformTokenRequest.EmailUser("u-9", "jo@Mail.A.Example"), TimeSpan.FromMinutes(5)).Token);

        Assert.Equal("jo@Mail.A.Example", jwt.GetClaim("email").Value);
        Assert.Equal(["mail.a.example"], jwt.Claims.Where(c => c.Type == "domain").Select(c => c.Value));
        Assert.Equal([PlatformRoles.EmailUser], jwt.Claims.Where(c => c.Type == "role").Select(c => c.Value));
    }

    [Fact]
    public void Names_the_login_session_of_an_email_users_token_and_none_for_a_token_without_one()
    {
        using var issuer = new PlatformTokenIssuer(_keys.Options());

        var user = new JsonWebToken(issuer.Issue(PlatformTokenRequest.EmailUser("u-9", "jo@a.example") with { SessionId = "0190c0ffee" }, TimeSpan.FromMinutes(5)).Token);
        var admin = new JsonWebToken(issuer.Issue(PlatformTokenRequest.PlatformAdmin("u-1"), TimeSpan.FromMinutes(5)).Token);

        Assert.Equal("0190c0ffee", user.GetClaim("sid").Value);
        Assert.False(admin.TryGetClaim("sid", out _));
    }

    [Fact]
    public void Gives_every_token_its_own_id()
    {
        using var issuer = new PlatformTokenIssuer(_keys.Options());

        var first = issuer.Issue(PlatformTokenRequest.PlatformAdmin("u-1"), TimeSpan.FromMinutes(5));
        var second = issuer.Issue(PlatformTokenRequest.PlatformAdmin("u-1"), TimeSpan.FromMinutes(5));

        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public void Refuses_a_token_that_is_both_a_domain_admins_and_an_email_users()
    {
        using var issuer = new PlatformTokenIssuer(_keys.Options());
        var request = new PlatformTokenRequest("u-1", [PlatformRoles.DomainAdmin, PlatformRoles.EmailUser]) { Domains = ["a.example"] };

        Assert.Throws<ArgumentException>(() => issuer.Issue(request, TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    [InlineData(2 * 24 * 3600)]
    public void Refuses_a_lifetime_that_is_not_positive_or_longer_than_a_day(int seconds)
    {
        using var issuer = new PlatformTokenIssuer(_keys.Options());

        Assert.Throws<ArgumentOutOfRangeException>(() => issuer.Issue(PlatformTokenRequest.PlatformAdmin("u-1"), TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void Leaves_the_token_out_of_its_string_form()
    {
        using var issuer = new PlatformTokenIssuer(_keys.Options());

        var issued = issuer.Issue(PlatformTokenRequest.PlatformAdmin("u-1"), TimeSpan.FromMinutes(5));

        Assert.DoesNotContain(issued.Token, issued.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(issued.Token.Split('.')[1], issued.ToString(), StringComparison.Ordinal);
        Assert.Contains(issued.Id, issued.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_to_start_without_a_signing_key_naming_the_setting()
    {
        var options = _keys.Options();
        options.SigningKey = null;

        var error = Assert.Throws<InvalidOperationException>(() => new PlatformTokenIssuer(options));

        Assert.Contains("Auth__SigningKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_signing_key_that_is_not_a_private_key_without_printing_it()
    {
        var options = _keys.Options();
        options.SigningKey = _keys.PublicKey;

        var error = Assert.Throws<InvalidOperationException>(() => new PlatformTokenIssuer(options));

        Assert.Contains("Auth__SigningKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_keys.PublicKey[..16], error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_signing_key_on_another_curve_without_printing_it()
    {
        var p384 = TestKeyPair.Create(ECCurve.NamedCurves.nistP384);
        var options = _keys.Options();
        options.SigningKey = p384.PrivateKey;

        var error = Assert.Throws<InvalidOperationException>(() => new PlatformTokenIssuer(options));

        Assert.Contains("P-256", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(p384.PrivateKey[..16], error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_signing_key_that_is_not_base64_without_printing_it()
    {
        var options = _keys.Options();
        options.SigningKey = "not base64 at all: s3cr3t-m4t3r1al";

        var error = Assert.Throws<InvalidOperationException>(() => new PlatformTokenIssuer(options));

        Assert.Contains("Auth__SigningKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", error.ToString(), StringComparison.Ordinal);
    }

    private static string Base64UrlThumbprint(string publicKey) =>
        Convert.ToBase64String(SHA256.HashData(Convert.FromBase64String(publicKey))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
