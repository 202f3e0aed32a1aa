using Microsoft.Extensions.Configuration;
using Platform.Security.Secrets;
using Platform.Security.Tokens;
using Platform.Testing;
using System.Text.RegularExpressions;

namespace Platform.Deployment.Tests;

/// <summary>
/// The keys docker-compose.yml requires: the variables deploy/compose/generate-keys.sh writes, the settings they feed,
/// and the script itself.
/// </summary>
internal static partial class ComposeKeys
{
    public const string SigningKey = "AUTH_SIGNING_KEY";
    public const string ValidationKey = "AUTH_VALIDATION_KEY";
    public const string EncryptionKey = "SECRETS_ENCRYPTION_KEY";

    public static readonly string[] Variables = [SigningKey, ValidationKey, EncryptionKey];

    /// <summary>Settings of Platform.Security, named as environment variables.</summary>
    public static readonly string SigningKeySetting = Variable(PlatformTokenOptions.SigningKeyKey);
    public static readonly string IssuerSetting = Variable(PlatformTokenOptions.IssuerKey);
    public static readonly string AudienceSetting = Variable(PlatformTokenOptions.AudienceKey);
    public static readonly string ValidationKeysSetting = Variable(PlatformTokenOptions.ValidationKeysKey);
    public static readonly string EncryptionKeySetting = Variable(SecretProtectionOptions.EncryptionKeyKey);
    public static readonly string PreviousEncryptionKeysSetting = Variable(SecretProtectionOptions.PreviousEncryptionKeysKey);

    public static string ScriptPath => Path.Combine(RepositoryRoot.Path, "deploy", "compose", "generate-keys.sh");

    /// <summary>The key variables removed from compose's environment, so only an env file can set them.</summary>
    public static IReadOnlyDictionary<string, string?> Unset =>
        Variables.ToDictionary(v => v, _ => (string?)null, StringComparer.Ordinal);

    /// <summary>Whether an environment variable of a container holds key material.</summary>
    public static bool IsKeySetting(string name) =>
        name == SigningKeySetting || name.StartsWith(ValidationKeysSetting + "__", StringComparison.Ordinal)
        || name == EncryptionKeySetting || name.StartsWith(PreviousEncryptionKeysSetting + "__", StringComparison.Ordinal);

    public static async Task<string> GenerateAsync(string envFile)
    {
        var (exitCode, output) = await Command.RunAsync(ScriptPath, [envFile], Unset);
        return exitCode == 0 ? output : throw new Xunit.Sdk.XunitException($"{ScriptPath} {envFile} exited with {exitCode}:\n{output}");
    }

    public static Dictionary<string, string> Read(string envFile) => EnvFile.Parse(File.ReadAllLines(envFile));

    /// <summary>A container's environment as the configuration a service reads (<c>A__B</c> is <c>A:B</c>).</summary>
    public static IConfiguration Configuration(IReadOnlyDictionary<string, string> environment) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(kv =>
                new KeyValuePair<string, string?>(kv.Key.Replace("__", ":", StringComparison.Ordinal), kv.Value)))
            .Build();

    private static string Variable(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>Base64 long enough to be a key: a P-256 key is 124 characters (public) or 184 (private), an AES-256 key 44.</summary>
    [GeneratedRegex("[A-Za-z0-9+/]{40,}={0,2}")]
    public static partial Regex KeyLike();
}
