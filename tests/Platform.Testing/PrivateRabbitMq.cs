using System.Globalization;

namespace Platform.Testing;

/// <summary>
/// A RabbitMQ node of the test's own, started by a private copy of the project's infra scripts on free ports, so a
/// test can stop and restart a real broker without disturbing the shared one every other test uses. Stopped and its
/// folder deleted on dispose.
/// </summary>
public sealed class PrivateRabbitMq : IAsyncDisposable
{
    private readonly string _root;
    private readonly Dictionary<string, string> _ports;

    private PrivateRabbitMq(string root, Dictionary<string, string> ports)
    {
        _root = root;
        _ports = ports;
    }

    public string Host => "127.0.0.1";

    public int Port => int.Parse(_ports["PLATFORM_RABBITMQ_PORT"], CultureInfo.InvariantCulture);

    public string Username { get; private set; } = "";

    public string Password { get; private set; } = "";

    /// <summary>The <c>.platform/env</c> the private copy of the infra scripts wrote (e.g. the per-service users).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; private set; } = new Dictionary<string, string>();

    private string Script => Path.Combine(_root, "infra", "infra.sh");

    public static async Task<PrivateRabbitMq> StartAsync()
    {
        var root = System.IO.Directory.CreateTempSubdirectory("platform-rabbitmq-").FullName;
        var broker = new PrivateRabbitMq(root, new Dictionary<string, string>
        {
            ["PLATFORM_RABBITMQ_PORT"] = FreePort(),
            ["PLATFORM_RABBITMQ_MANAGEMENT_PORT"] = FreePort(),
            ["RABBITMQ_DIST_PORT"] = FreePort(),
            ["ERL_EPMD_PORT"] = FreePort(),
        });
        try
        {
            await Run("cp", ["-a", Path.Combine(RepositoryRoot.Path, "infra"), root]);
            await broker.UpAsync();
            var env = EnvFile.Parse(File.ReadAllLines(Path.Combine(root, ".platform", "env")));
            broker.Environment = env;
            broker.Username = env["RabbitMq__Username"];
            broker.Password = env["RabbitMq__Password"];
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the node again on the same ports and data (durable queues and their messages survive).</summary>
    public Task UpAsync() => Run(Script, ["up", "rabbitmq"], _ports);

    /// <summary>Shuts the node down; clients see the broker go away as in a real outage.</summary>
    public Task DownAsync() => Run(Script, ["down", "rabbitmq"], _ports);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Script))
            {
                await DownAsync();
            }
        }
        finally
        {
            System.IO.Directory.Delete(_root, recursive: true);
        }
    }

    private static async Task Run(string file, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var result = await Shell.Run(file, arguments, environment);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {result.ExitCode}: {result.Output}{result.Error}");
        }
    }

    private static string FreePort() => Shell.FreePort().ToString(CultureInfo.InvariantCulture);
}
