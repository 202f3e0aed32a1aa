using Microsoft.Extensions.Configuration;

namespace Platform.Testing;

/// <summary>
/// Endpoints and credentials of the real local infrastructure, as <c>./platform infra up</c> writes them to
/// <c>.platform/env</c>; variables already in the environment win (so CI or a developer can point elsewhere).
/// </summary>
public static class Infrastructure
{
    private static readonly Lazy<IConfiguration> Settings = new(Load);

    public static IConfiguration Configuration => Settings.Value;

    public static string Get(string key) =>
        Configuration[key] ?? throw new InvalidOperationException(
            $"'{key}' is not set: run './platform infra up' (it writes .platform/env) or set it in the environment.");

    /// <summary>
    /// Loopback networks, which <c>./platform up</c> allows as egress (<c>Egress__AllowedNetworks</c> in .platform/env)
    /// so that the local directories and Samba work; the value of .platform/env when it has one.
    /// </summary>
    public static string AllowedNetworks => Configuration["Egress:AllowedNetworks"] ?? "127.0.0.0/8,::1/128";

    /// <summary><see cref="Configuration"/> with <see cref="AllowedNetworks"/> set.</summary>
    public static IConfiguration WithLoopbackAllowed => new ConfigurationBuilder()
        .AddConfiguration(Configuration)
        .AddInMemoryCollection([new("Egress:AllowedNetworks", AllowedNetworks)])
        .Build();

    public static string EnvFilePath => Path.Combine(RepositoryRoot.Path, ".platform", "env");

    private static IConfiguration Load()
    {
        var fromFile = File.Exists(EnvFilePath) ? EnvFile.Parse(File.ReadAllLines(EnvFilePath)) : [];
        return new ConfigurationBuilder()
            .AddInMemoryCollection(fromFile.Select(kv => new KeyValuePair<string, string?>(kv.Key.Replace("__", ":", StringComparison.Ordinal), kv.Value)))
            .AddEnvironmentVariables()
            .Build();
    }
}
