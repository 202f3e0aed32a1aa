using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Security.Authentication;
using Platform.Security.Tokens;
using Xunit;

namespace Platform.Security.Tests.Tokens;

public sealed class Registering_the_token_issuer
{
    private readonly TestKeyPair _keys = TestKeyPair.Create();

    [Fact]
    public async Task Issues_tokens_the_registered_validator_accepts()
    {
        var settings = _keys.Settings();
        settings["Auth:SigningKey"] = _keys.PrivateKey;
        await using var app = TestApp.Build(settings, builder => builder.Services.AddPlatformTokenIssuer(builder.Configuration));
        await app.StartAsync();

        var token = app.Services.GetRequiredService<PlatformTokenIssuer>().Issue(PlatformTokenRequest.PlatformAdmin("u-1"), TimeSpan.FromMinutes(1));
        var result = await app.Services.GetRequiredService<PlatformTokenValidator>().ValidateAsync(token.Token);

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public async Task Refuses_to_start_without_a_signing_key()
    {
        await using var app = TestApp.Build(_keys.Settings(), builder => builder.Services.AddPlatformTokenIssuer(builder.Configuration));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Auth__SigningKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_to_start_when_its_tokens_would_be_refused()
    {
        var settings = _keys.Settings();
        settings["Auth:SigningKey"] = TestKeyPair.Create().PrivateKey;
        await using var app = TestApp.Build(settings, builder => builder.Services.AddPlatformTokenIssuer(builder.Configuration));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("is not among Auth:ValidationKeys", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(settings["Auth:SigningKey"]![^24..], error.ToString(), StringComparison.Ordinal);
    }
}
