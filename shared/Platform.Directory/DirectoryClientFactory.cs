using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Directory.Connections;
using Platform.Directory.Egress;
using Platform.Directory.Settings;

namespace Platform.Directory;

/// <summary>
/// Creates a <see cref="DirectoryClient"/> per domain and owns what they share: the connection pool and the
/// per-domain CA certificate directories. One per process (a singleton); disposing it closes every pooled connection.
/// </summary>
public sealed class DirectoryClientFactory : IDisposable
{
    private readonly DirectoryClientOptions _options;
    private readonly TrustedCaStore _cas = new();
    private readonly SessionOpener _opener;
    private readonly ConnectionPool _pool;
    private readonly ConnectionPool _bindPool;

    /// <param name="egress">Where the platform may connect on a domain's behalf; by default public addresses only.</param>
    public DirectoryClientFactory(DirectoryClientOptions options, ILoggerFactory? loggers = null, TimeProvider? time = null, EgressPolicy? egress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        var logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger<DirectoryClientFactory>();
        _opener = new SessionOpener(_cas, options, egress ?? EgressPolicy.PublicOnly, time ?? TimeProvider.System, logger);
        _pool = new ConnectionPool(_opener, options, options.MaxConnectionsPerDirectory, logger);
        // Password checks keep connections of their own: one a user bound must never serve the service account's searches.
        _bindPool = new ConnectionPool(_opener, options, options.MaxUserBindsPerDirectory, logger);
    }

    internal PoolStatistics PoolStatistics => _pool.Statistics;

    internal PoolStatistics BindPoolStatistics => _bindPool.Statistics;

    /// <summary>A client for one domain; <see cref="InvalidDirectorySettingsException"/> when the settings are invalid.</summary>
    public DirectoryClient Create(DirectorySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new DirectoryClient(settings.EnsureValid(), _pool, _bindPool, _opener, _options);
    }

    public void Dispose()
    {
        _pool.Dispose();
        _bindPool.Dispose();
        _cas.Dispose();
    }
}
