using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Security.Secrets;
using Xunit;

namespace Platform.Security.Tests.Secrets;

public sealed class Registering_the_secret_protector
{
    [Fact]
    public async Task Protects_with_the_configured_key_and_decrypts_with_the_previous_ones()
    {
        var (current, previous) = (Protecting_secrets_at_rest.NewKey(), Protecting_secrets_at_rest.NewKey());
        var oldValue = new SecretProtector(new SecretProtectionOptions { EncryptionKey = previous }).Protect("totp-seed", "auth/u-1/totp");
        using var host = Host(new()
        {
            ["Secrets:EncryptionKey"] = current,
            ["Secrets:PreviousEncryptionKeys:0"] = previous,
        });
        await host.StartAsync();

        var protector = host.Services.GetRequiredService<SecretProtector>();

        Assert.Equal("totp-seed", protector.Unprotect(oldValue, "auth/u-1/totp").Reveal());
        Assert.True(protector.IsProtectedWithCurrentKey(protector.Protect("x", "auth/u-1/totp")));
        await host.StopAsync();
    }

    [Fact]
    public async Task Refuses_to_start_without_an_encryption_key()
    {
        using var host = Host([]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Secrets__EncryptionKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_to_start_with_a_key_of_the_wrong_size()
    {
        using var host = Host(new() { ["Secrets:EncryptionKey"] = Convert.ToBase64String(new byte[24]) });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("32", error.Message, StringComparison.Ordinal);
    }

    private static IHost Host(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddPlatformSecrets(builder.Configuration);
        return builder.Build();
    }
}
