using System.Diagnostics;
using System.Globalization;

namespace Platform.Testing;

/// <summary>
/// A three-node RabbitMQ cluster of the test's own (infra component <c>rabbitmq-cluster</c>), started by a private copy
/// of the project's infra scripts on free ports; the test may stop a node by its pid. Stopped and its folder deleted
/// on dispose.
/// </summary>
public sealed class PrivateRabbitMqCluster : IAsyncDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(8);
    private readonly string _root;
    private readonly Dictionary<string, string> _ports;

    private PrivateRabbitMqCluster(string root, Dictionary<string, string> ports)
    {
        _root = root;
        _ports = ports;
    }

    /// <summary>The cluster's env file: RabbitMq__Hosts__0..2, credentials, and each node's name, management port and pid file.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<string> Hosts => [.. Enumerable.Range(0, 3).Select(i => Environment[$"RabbitMq__Hosts__{i}"])];

    public string Username => Environment["RabbitMq__Username"];

    public string Password => Environment["RabbitMq__Password"];

    public int Port(int node) => int.Parse(Hosts[node].Split(':')[1], CultureInfo.InvariantCulture);

    public int ManagementPort(int node) =>
        int.Parse(Environment[$"RabbitMqCluster__Nodes__{node}__ManagementPort"], CultureInfo.InvariantCulture);

    private string Script => Path.Combine(_root, "infra", "infra.sh");

    public static async Task<PrivateRabbitMqCluster> StartAsync()
    {
        var root = System.IO.Directory.CreateTempSubdirectory("platform-rabbitmq-cluster-").FullName;
        var cluster = new PrivateRabbitMqCluster(root, new Dictionary<string, string>
        {
            // Each node takes base + 0, 1, 2 of these.
            ["PLATFORM_RABBITMQ_CLUSTER_PORT"] = FreePorts(3),
            ["PLATFORM_RABBITMQ_CLUSTER_MANAGEMENT_PORT"] = FreePorts(3),
            ["RABBITMQ_CLUSTER_DIST_PORT"] = FreePorts(3),
            ["RABBITMQ_CLUSTER_EPMD_PORT"] = FreePorts(1),
            // The single node's ports, stored by the scripts though it is not started here.
            ["PLATFORM_RABBITMQ_PORT"] = FreePorts(1),
            ["PLATFORM_RABBITMQ_MANAGEMENT_PORT"] = FreePorts(1),
            ["RABBITMQ_DIST_PORT"] = FreePorts(1),
            ["ERL_EPMD_PORT"] = FreePorts(1),
        });
        try
        {
            await Run("cp", ["-a", Path.Combine(RepositoryRoot.Path, "infra"), root]);
            await Run(cluster.Script, ["up", "rabbitmq-cluster"], cluster._ports);
            cluster.Environment = EnvFile.Parse(File.ReadAllLines(Path.Combine(root, ".platform", "rabbitmq-cluster", "env")));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops node <paramref name="node"/> (0..2) by its pid, as an orderly shutdown of one broker would; waits until it is gone.</summary>
    public async Task StopNodeAsync(int node)
    {
        var pidFile = Environment[$"RabbitMqCluster__Nodes__{node}__PidFile"];
        var pid = File.ReadAllText(pidFile).Trim();
        using var process = Process.GetProcessById(int.Parse(pid, CultureInfo.InvariantCulture));
        // SIGTERM: the node shuts down as on a pod's deletion or a rolling restart.
        await Run("kill", ["-TERM", pid]);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Script))
            {
                await Run(Script, ["down", "rabbitmq-cluster"], _ports);
            }
        }
        finally
        {
            System.IO.Directory.Delete(_root, recursive: true);
        }
    }

    private static async Task Run(string file, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(ScriptTimeout);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }

    /// <summary>The first of <paramref name="count"/> consecutive loopback ports that are free now.</summary>
    private static string FreePorts(int count)
    {
        while (true)
        {
            var first = Shell.FreePort();
            if (first + count <= ushort.MaxValue && Enumerable.Range(first + 1, count - 1).All(p => !Shell.Listening(p)))
            {
                return first.ToString(CultureInfo.InvariantCulture);
            }
        }
    }
}
