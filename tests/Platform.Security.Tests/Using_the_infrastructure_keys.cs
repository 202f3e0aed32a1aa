using Platform.Security.Secrets;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.Security.Tests;

/// <summary>The keys <c>./platform infra up</c> generates (in <c>.platform/env</c>) work together as the services will use them.</summary>
public sealed class Using_the_infrastructure_keys
{
    [Fact]
    public async Task Validates_a_token_signed_with_the_signing_key_using_the_listed_validation_keys()
    {
        _ = Infrastructure.Get(PlatformTokenOptions.SigningKeyKey);
        _ = Infrastructure.Get(PlatformTokenOptions.ValidationKeysKey + ":0");
        var options = PlatformTokenOptions.FromConfiguration(Infrastructure.Configuration);
        using var issuer = new PlatformTokenIssuer(options);
        using var validator = new PlatformTokenValidator(options);

        var result = await validator.ValidateAsync(issuer.Issue(PlatformTokenRequest.DomainAdmin("infra-admin", "infra.example"), TimeSpan.FromMinutes(1)).Token);

        Assert.Equal(Infrastructure.Get(PlatformTokenOptions.IssuerKey), options.Issuer);
        Assert.True(result.Succeeded, result.ToString());
        Assert.Contains(issuer.KeyId, validator.KeyIds);
        Assert.Equal(["infra.example"], result.Principal!.GetDomains());
    }

    [Fact]
    public void Round_trips_a_secret_with_the_encryption_key()
    {
        _ = Infrastructure.Get(SecretProtectionOptions.EncryptionKeyKey);
        var protector = new SecretProtector(SecretProtectionOptions.FromConfiguration(Infrastructure.Configuration));

        var stored = protector.Protect("infra-secret", "directory/infra.example/bind-password");

        Assert.Equal("infra-secret", protector.Unprotect(stored, "directory/infra.example/bind-password").Reveal());
    }
}
