using Xunit;

namespace Platform.Deployment.Tests.Kubernetes;

/// <summary>deploy/k8s/create-secrets.sh, printing only (it never talks to a cluster).</summary>
public sealed class Creating_the_kubernetes_secrets
{
    [Theory]
    [InlineData("RABBITMQ_USER")]
    [InlineData("RABBITMQ_PASSWORD")]
    [InlineData("POSTGRES_CONNECTION_STRING")]
    public async Task Refuses_to_run_without_the_credentials_of_rabbitmq_and_postgres(string variable)
    {
        var inputs = new Dictionary<string, string?>(PlatformSecrets.Inputs, StringComparer.Ordinal) { [variable] = null };

        var (exitCode, stdout, stderr) = await Command.RunSeparatelyAsync(PlatformSecrets.ScriptPath, [], inputs);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(variable, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("kind: Secret", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generates_new_keys_on_every_run()
    {
        var first = await PlatformSecrets.CreateAsync(PlatformSecrets.Inputs);
        var second = await PlatformSecrets.CreateAsync(PlatformSecrets.Inputs);

        foreach (var (secret, key) in new[] { ("platform-token-signing", ComposeKeys.SigningKeySetting), ("platform-secrets-encryption", ComposeKeys.EncryptionKeySetting) })
        {
            Assert.NotEqual(first[secret][key], second[secret][key]);
        }

        Assert.Equal(32, Convert.FromBase64String(first["platform-secrets-encryption"][ComposeKeys.EncryptionKeySetting]).Length);
    }

    [Fact]
    public async Task Creates_the_admin_and_relay_secrets_only_when_asked_to()
    {
        var inputs = new Dictionary<string, string?>(PlatformSecrets.Inputs, StringComparer.Ordinal)
        {
            ["PLATFORM_ADMIN_EMAIL"] = null,
            ["SMTP_USERNAME"] = null,
            ["SMTP_PASSWORD"] = null,
        };

        var secrets = await PlatformSecrets.CreateAsync(inputs);

        Assert.DoesNotContain("platform-admin", secrets.Keys);
        Assert.DoesNotContain("platform-smtp", secrets.Keys);
        Assert.Contains("platform-rabbitmq", secrets.Keys);
    }
}
