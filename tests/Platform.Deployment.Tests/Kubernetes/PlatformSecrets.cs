using System.Text;

namespace Platform.Deployment.Tests.Kubernetes;

/// <summary>
/// The Secrets deploy/k8s/create-secrets.sh prints, by name and key, given made-up credentials for every variable it
/// reads (the optional ones too, so that every Secret it can create is there).
/// </summary>
internal static class PlatformSecrets
{
    public static readonly IReadOnlyDictionary<string, string?> Inputs = new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["RABBITMQ_USER"] = "platform",
        ["RABBITMQ_PASSWORD"] = "rabbitmq-test-password",
        ["POSTGRES_CONNECTION_STRING"] = "Host=postgres;Port=5432;Database=platform;Username=platform;Password=postgres-test-password",
        ["PLATFORM_ADMIN_EMAIL"] = "admin@platform.example",
        ["SMTP_USERNAME"] = "relay-user",
        ["SMTP_PASSWORD"] = "relay-test-password",
    };

    private static readonly Lazy<Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>>> Created = new(() => CreateAsync(Inputs));

    public static string ScriptPath => Path.Combine(Kustomize.Root, "create-secrets.sh");

    /// <summary>The Secrets of one run with <see cref="Inputs"/>, shared by the tests of a run.</summary>
    public static Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> CreatedAsync() => Created.Value;

    public static async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> CreateAsync(IReadOnlyDictionary<string, string?> inputs)
    {
        var (exitCode, stdout, stderr) = await Command.RunSeparatelyAsync(ScriptPath, [], inputs);
        if (exitCode != 0)
        {
            throw new Xunit.Sdk.XunitException($"{ScriptPath} exited with {exitCode}:{Environment.NewLine}{stderr}");
        }

        var manifest = Manifest.Parse("create-secrets.sh", stdout);
        return manifest.Objects.ToDictionary(
            secret => secret.At("metadata.name").Text ?? "",
            secret => (IReadOnlyDictionary<string, string>)Data(secret),
            StringComparer.Ordinal);
    }

    private static Dictionary<string, string> Data(YamlNode secret)
    {
        var data = secret["data"].Entries.ToDictionary(
            e => e.Key, e => Encoding.UTF8.GetString(Convert.FromBase64String(e.Value.Text ?? "")), StringComparer.Ordinal);
        foreach (var (key, value) in secret["stringData"].Entries)
        {
            data[key] = value.Text ?? "";
        }

        return data;
    }
}
