using System.DirectoryServices.Protocols;
using Platform.Directory.Failures;
using Platform.Directory.Settings;

namespace Platform.Directory.Connections;

/// <summary>
/// The connection one logical operation (a lookup, a paged search) runs on: rented from the pool on first use and
/// given back when disposed, or a dedicated session (the connection test). Failures come out classified.
/// </summary>
/// <remarks>
/// A pooled connection may have been closed by the server (idle timeout, restart) since its last use; that shows
/// only when it is used. So when the first call on a reused connection finds it dead, the call is repeated once on a
/// new connection. Later calls are not repeated: a paged search cannot continue on another connection.
/// </remarks>
internal sealed class DirectoryChannel : IDisposable
{
    private readonly DirectorySettings _settings;
    private readonly ConnectionPool? _pool;
    private readonly SessionOpener _opener;
    private PooledSession? _lease;
    private DirectorySession? _session;
    private bool _used;

    private DirectoryChannel(DirectorySettings settings, ConnectionPool? pool, SessionOpener opener, DirectorySession? session)
    {
        _settings = settings;
        _pool = pool;
        _opener = opener;
        _session = session;
    }

    /// <summary>The host that answered (known after the first call).</summary>
    public string Host => Session?.Host ?? _settings.Host;

    private DirectorySession? Session => _session ?? _lease?.Session;

    public static DirectoryChannel Pooled(DirectorySettings settings, ConnectionPool pool, SessionOpener opener) => new(settings, pool, opener, null);

    public static DirectoryChannel Over(DirectorySettings settings, DirectorySession session, SessionOpener opener) => new(settings, null, opener, session);

    public async Task<T> RunAsync<T>(Func<LdapConnection, T> call, FailureStage stage, CancellationToken cancellationToken)
    {
        if (Session is null)
        {
            _lease = await _pool!.RentAsync(_settings, fresh: false, cancellationToken);
        }

        var mayRetry = !_used && _lease is { Reused: true };
        _used = true;
        try
        {
            return await Session!.RunAsync(call, cancellationToken);
        }
        catch (Exception e) when (mayRetry && FailureDiagnosis.IsConnectionClosed(e) && !cancellationToken.IsCancellationRequested)
        {
            _lease!.Session.MarkBroken();
            _lease.Dispose();
            _lease = null;
            _lease = await _pool!.RentAsync(_settings, fresh: true, cancellationToken);
            try
            {
                return await _lease.Session.RunAsync(call, cancellationToken);
            }
            catch (Exception retried) when (retried is not OperationCanceledException)
            {
                throw await FailAsync(retried, stage, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw await FailAsync(e, stage, cancellationToken);
        }
    }

    /// <summary>Drops the connection instead of pooling it (e.g. a paged search left unfinished on the server).</summary>
    public void Abandon() => Session?.MarkBroken();

    public void Dispose()
    {
        _lease?.Dispose();
        _session?.Dispose();
    }

    private async Task<DirectoryFailureException> FailAsync(Exception exception, FailureStage stage, CancellationToken cancellationToken)
    {
        if (FailureDiagnosis.IsConnectionLost(exception))
        {
            Session?.MarkBroken();
        }

        return await FailureDiagnosis.ClassifyAsync(
            exception, stage, _opener.Context(_settings, Host), _opener.TrustedCas(_settings), _opener.Time, cancellationToken);
    }
}
