using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Security.Tokens;
using Xunit;

namespace Platform.Security.Tests.Tokens;

public sealed class Validating_platform_tokens
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private readonly TestKeyPair _keys = TestKeyPair.Create();

    [Fact]
    public async Task Accepts_a_token_it_issued_and_exposes_its_claims()
    {
        using var issuer = new PlatformTokenIssuer(_keys.Options());
        using var validator = new PlatformTokenValidator(_keys.Options());
        var request = PlatformTokenRequest.DomainAdmin("admin-1", "a.example", "b.example") with { Email = "boss@a.example", AuthenticationMethods = ["pwd"] };

        var result = await validator.ValidateAsync(issuer.Issue(request, Lifetime).Token);

        Assert.True(result.Succeeded, result.ToString());
        var user = result.Principal!;
        Assert.True(user.Identity!.IsAuthenticated);
        Assert.Equal("admin-1", user.Identity.Name);
        Assert.Equal("admin-1", user.GetSubject());
        Assert.True(user.IsInRole(PlatformRoles.DomainAdmin));
        Assert.False(user.IsInRole(PlatformRoles.PlatformAdmin));
        Assert.Equal(["a.example", "b.example"], user.GetDomains());
        Assert.Equal("boss@a.example", user.GetEmail());
        Assert.Equal("pwd", user.FindFirst("amr")?.Value);
    }

    [Fact]
    public async Task Keeps_validating_after_an_earlier_validator_and_issuer_of_the_same_key_were_disposed()
    {
        // As in a process hosting one service after another (tests), or rebuilding them on a configuration reload.
        var first = new PlatformTokenValidator(_keys.Options());
        using (var earlierIssuer = new PlatformTokenIssuer(_keys.Options()))
        {
            Assert.True((await first.ValidateAsync(earlierIssuer.Issue(PlatformTokenRequest.PlatformAdmin("u-1"), Lifetime).Token)).Succeeded);
        }

        first.Dispose();
        using var issuer = new PlatformTokenIssuer(_keys.Options());
        using var validator = new PlatformTokenValidator(_keys.Options());

        var results = new List<bool>();
        for (var i = 0; i < 5; i++)
        {
            results.Add((await validator.ValidateAsync(issuer.Issue(PlatformTokenRequest.PlatformAdmin("u-2"), Lifetime).Token)).Succeeded);
        }

        Assert.All(results, Assert.True);
    }

    [Fact]
    public async Task Refuses_a_remembered_token_once_it_has_expired()
    {
        var options = _keys.Options();
        options.ClockSkew = TimeSpan.Zero;
        using var issuer = new PlatformTokenIssuer(options);
        using var validator = new PlatformTokenValidator(options);
        var token = issuer.Issue(PlatformTokenRequest.PlatformAdmin("u-1"), TimeSpan.FromSeconds(2)).Token;

        var fresh = await validator.ValidateAsync(token);
        var again = await validator.ValidateAsync(token);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var expired = await validator.ValidateAsync(token);

        Assert.True(fresh.Succeeded);
        Assert.True(again.Succeeded);
        Assert.False(expired.Succeeded);
        Assert.Equal(PlatformProblemCodes.TokenExpired, expired.FailureCode);
    }

    [Fact]
    public async Task Gives_every_request_its_own_principal_and_refuses_an_altered_copy_of_a_remembered_token()
    {
        using var issuer = new PlatformTokenIssuer(_keys.Options());
        using var validator = new PlatformTokenValidator(_keys.Options());
        var token = issuer.Issue(PlatformTokenRequest.PlatformAdmin("u-1"), Lifetime).Token;

        var first = (await validator.ValidateAsync(token)).Principal!;
        ((ClaimsIdentity)first.Identity!).AddClaim(new Claim("added-by-one-request", "x"));
        var second = (await validator.ValidateAsync(token)).Principal!;
        var altered = await validator.ValidateAsync(token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1]);

        Assert.Null(second.FindFirst("added-by-one-request"));
        Assert.Equal("u-1", second.GetSubject());
        Assert.False(altered.Succeeded);
    }

    [Fact]
    public async Task Maps_several_roles_to_role_claims()
    {
        using var issuer = new PlatformTokenIssuer(_keys.Options());
        using var validator = new PlatformTokenValidator(_keys.Options());
        var request = new PlatformTokenRequest("u-2", [PlatformRoles.PlatformAdmin, PlatformRoles.DomainAdmin]) { Domains = ["a.example"] };

        var user = (await validator.ValidateAsync(issuer.Issue(request, Lifetime).Token)).Principal!;

        Assert.True(user.IsInRole(PlatformRoles.PlatformAdmin));
        Assert.True(user.IsInRole(PlatformRoles.DomainAdmin));
        Assert.Equal(2, user.FindAll(ClaimTypesOf(user)).Count());
    }

    [Fact]
    public async Task Issues_and_validates_concurrently()
    {
        using var issuer = new PlatformTokenIssuer(_keys.Options());
        using var validator = new PlatformTokenValidator(_keys.Options());

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
            validator.ValidateAsync(issuer.Issue(PlatformTokenRequest.DomainAdmin($"u-{i}", $"d{i}.example"), Lifetime).Token))));

        Assert.All(results.Select((result, i) => (result, i)), r => Assert.Equal($"d{r.i}.example", r.result.Principal?.GetDomains().Single()));
    }

    [Fact]
    public async Task Refuses_an_expired_token_as_expired()
    {
        using var issuer = new PlatformTokenIssuer(_keys.Options(), FixedTime.Ago(TimeSpan.FromMinutes(11)));
        using var validator = new PlatformTokenValidator(_keys.Options());

        var result = await validator.ValidateAsync(issuer.Issue(PlatformTokenRequest.PlatformAdmin("u-1"), Lifetime).Token);

        Assert.False(result.Succeeded);
        Assert.Equal(PlatformProblemCodes.TokenExpired, result.FailureCode);
    }

    [Fact]
    public async Task Accepts_a_token_that_expired_within_the_clock_skew()
    {
        using var issuer = new PlatformTokenIssuer(_keys.Options(), FixedTime.Ago(Lifetime + TimeSpan.FromSeconds(10)));
        using var validator = new PlatformTokenValidator(_keys.Options());

        var result = await validator.ValidateAsync(issuer.Issue(PlatformTokenRequest.PlatformAdmin("u-1"), Lifetime).Token);

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public async Task Refuses_a_token_that_is_not_valid_yet()
    {
        using var issuer = new PlatformTokenIssuer(_keys.Options(), FixedTime.FromNow(TimeSpan.FromMinutes(5)));
        using var validator = new PlatformTokenValidator(_keys.Options());

        var result = await validator.ValidateAsync(issuer.Issue(PlatformTokenRequest.PlatformAdmin("u-1"), Lifetime).Token);

        Assert.Equal(PlatformProblemCodes.TokenInvalid, result.FailureCode);
        Assert.Contains("not valid yet", result.FailureDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_token_from_another_issuer()
    {
        var options = _keys.Options();
        options.Issuer = "someone-else";
        using var issuer = new PlatformTokenIssuer(options);
        using var validator = new PlatformTokenValidator(_keys.Options());

        var result = await validator.ValidateAsync(issuer.Issue(PlatformTokenRequest.PlatformAdmin("u-1"), Lifetime).Token);

        Assert.Equal(PlatformProblemCodes.TokenInvalid, result.FailureCode);
        Assert.Contains("another issuer", result.FailureDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_token_for_another_audience()
    {
        var options = _keys.Options();
        options.Audience = "another-platform";
        using var issuer = new PlatformTokenIssuer(options);
        using var validator = new PlatformTokenValidator(_keys.Options());

        var result = await validator.ValidateAsync(issuer.Issue(PlatformTokenRequest.PlatformAdmin("u-1"), Lifetime).Token);

        Assert.Equal(PlatformProblemCodes.TokenInvalid, result.FailureCode);
        Assert.Contains("another audience", result.FailureDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_token_signed_with_another_key()
    {
        var other = TestKeyPair.Create();
        using var issuer = new PlatformTokenIssuer(other.Options());
        using var validator = new PlatformTokenValidator(_keys.Options());

        var result = await validator.ValidateAsync(issuer.Issue(PlatformTokenRequest.PlatformAdmin("u-1"), Lifetime).Token);

        Assert.Equal(PlatformProblemCodes.TokenInvalid, result.FailureCode);
        Assert.Contains("signature", result.FailureDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_token_signed_with_another_key_that_claims_the_kid_of_a_listed_one()
    {
        var other = TestKeyPair.Create();
        using var genuine = new PlatformTokenIssuer(_keys.Options());
        using var validator = new PlatformTokenValidator(_keys.Options());
        var key = new ECDsaSecurityKey(System.Security.Cryptography.ECDsa.Create()) { KeyId = genuine.KeyId };
        key.ECDsa.ImportPkcs8PrivateKey(Convert.FromBase64String(other.PrivateKey), out _);

        var result = await validator.ValidateAsync(Forge(new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256)));

        Assert.Equal(PlatformProblemCodes.TokenInvalid, result.FailureCode);
        Assert.Contains("signature", result.FailureDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_an_unsigned_token_with_alg_none()
    {
        using var validator = new PlatformTokenValidator(_keys.Options());
        var unsigned = Forge(credentials: null);
        Assert.Equal("none", new JsonWebToken(unsigned).Alg);

        var result = await validator.ValidateAsync(unsigned);

        Assert.Equal(PlatformProblemCodes.TokenInvalid, result.FailureCode);
        Assert.Contains("signature", result.FailureDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_an_HS256_token_keyed_with_the_public_key()
    {
        using var genuine = new PlatformTokenIssuer(_keys.Options());
        using var validator = new PlatformTokenValidator(_keys.Options());

        // The classic confusion attack: the public key, which every service has, used as an HMAC secret.
        foreach (var secret in new[] { Convert.FromBase64String(_keys.PublicKey), Encoding.ASCII.GetBytes(_keys.PublicKey) })
        {
            var hmac = new SigningCredentials(new SymmetricSecurityKey(secret) { KeyId = genuine.KeyId }, SecurityAlgorithms.HmacSha256);
            var forged = Forge(hmac);
            Assert.Equal("HS256", new JsonWebToken(forged).Alg);

            var result = await validator.ValidateAsync(forged);

            Assert.Equal(PlatformProblemCodes.TokenInvalid, result.FailureCode);
            Assert.Contains("signature", result.FailureDescription, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Refuses_a_token_whose_claims_were_altered_after_signing()
    {
        using var issuer = new PlatformTokenIssuer(_keys.Options());
        using var validator = new PlatformTokenValidator(_keys.Options());
        var parts = issuer.Issue(PlatformTokenRequest.DomainAdmin("u-1", "a.example"), Lifetime).Token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!;
        payload["role"] = new JsonArray(PlatformRoles.PlatformAdmin);
        var altered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";

        var result = await validator.ValidateAsync(altered);

        Assert.Equal(PlatformProblemCodes.TokenInvalid, result.FailureCode);
        Assert.Contains("signature", result.FailureDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_another_kind_of_JWT_signed_with_the_platform_key()
    {
        using var genuine = new PlatformTokenIssuer(_keys.Options());
        using var validator = new PlatformTokenValidator(_keys.Options());
        var key = new ECDsaSecurityKey(System.Security.Cryptography.ECDsa.Create()) { KeyId = genuine.KeyId };
        key.ECDsa.ImportPkcs8PrivateKey(Convert.FromBase64String(_keys.PrivateKey), out _);

        var result = await validator.ValidateAsync(Forge(new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256), tokenType: "JWT"));

        Assert.Equal(PlatformProblemCodes.TokenInvalid, result.FailureCode);
        Assert.Contains("not a platform access token", result.FailureDescription, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    public async Task Refuses_garbage(string token)
    {
        using var validator = new PlatformTokenValidator(_keys.Options());

        var result = await validator.ValidateAsync(token);

        Assert.Equal(PlatformProblemCodes.TokenInvalid, result.FailureCode);
    }

    [Fact]
    public async Task Accepts_tokens_of_the_previous_key_while_it_is_still_listed()
    {
        var previous = TestKeyPair.Create();
        var current = TestKeyPair.Create();
        using var oldIssuer = new PlatformTokenIssuer(previous.Options());
        using var newIssuer = new PlatformTokenIssuer(current.Options());
        using var validator = new PlatformTokenValidator(current.Options(current, previous));

        var before = await validator.ValidateAsync(oldIssuer.Issue(PlatformTokenRequest.PlatformAdmin("u-1"), Lifetime).Token);
        var after = await validator.ValidateAsync(newIssuer.Issue(PlatformTokenRequest.PlatformAdmin("u-1"), Lifetime).Token);

        Assert.True(before.Succeeded, before.ToString());
        Assert.True(after.Succeeded, after.ToString());
        Assert.Equal([newIssuer.KeyId, oldIssuer.KeyId], validator.KeyIds);
    }

    [Fact]
    public async Task Refuses_tokens_of_a_key_once_it_is_no_longer_listed()
    {
        var previous = TestKeyPair.Create();
        var current = TestKeyPair.Create();
        using var oldIssuer = new PlatformTokenIssuer(previous.Options());
        using var validator = new PlatformTokenValidator(current.Options(current));

        var result = await validator.ValidateAsync(oldIssuer.Issue(PlatformTokenRequest.PlatformAdmin("u-1"), Lifetime).Token);

        Assert.Equal(PlatformProblemCodes.TokenInvalid, result.FailureCode);
        Assert.Contains("signature", result.FailureDescription, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Auth__Issuer")]
    [InlineData("Auth__Audience")]
    [InlineData("Auth__ValidationKeys__0")]
    public void Refuses_to_start_without_a_required_setting_naming_it(string variable)
    {
        var options = _keys.Options();
        switch (variable)
        {
            case "Auth__Issuer": options.Issuer = " "; break;
            case "Auth__Audience": options.Audience = null; break;
            default: options.ValidationKeys.Clear(); break;
        }

        var error = Assert.Throws<InvalidOperationException>(() => new PlatformTokenValidator(options));

        Assert.Contains(variable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_validation_key_that_is_not_a_public_key_naming_which()
    {
        var options = _keys.Options();
        options.ValidationKeys.Add(Convert.ToBase64String(Encoding.ASCII.GetBytes("garbage that is base64")));

        var error = Assert.Throws<InvalidOperationException>(() => new PlatformTokenValidator(options));

        Assert.Contains("Auth__ValidationKeys__1", error.Message, StringComparison.Ordinal);
    }

    private static string ClaimTypesOf(ClaimsPrincipal user) => ((ClaimsIdentity)user.Identity!).RoleClaimType;

    /// <summary>A token with valid claims for the test audience, signed however the attacker likes.</summary>
    private static string Forge(SigningCredentials? credentials, string tokenType = PlatformTokenIssuer.TokenType)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TestKeyPair.Issuer,
            Audience = TestKeyPair.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            TokenType = tokenType,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "attacker",
                ["jti"] = Guid.NewGuid().ToString("N"),
                ["role"] = new[] { PlatformRoles.PlatformAdmin },
            },
            SigningCredentials = credentials,
        });
    }
}
