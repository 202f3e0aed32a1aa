using System.DirectoryServices.Protocols;
using Platform.Directory.Failures;
using Platform.Directory.Settings;

namespace Platform.Directory.Connections;

/// <summary>
/// The connection one logical operation (a lookup, a paged search, a password check) runs on: rented from the pool on
/// first use and given back when disposed, or a dedicated session (the connection test). Failures come out classified.
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
    private readonly BindIdentity? _openAs;
    private PooledSession? _lease;
    private DirectorySession? _session;
    private bool _used;

    private DirectoryChannel(DirectorySettings settings, ConnectionPool? pool, SessionOpener opener, DirectorySession? session, BindIdentity? openAs = null)
    {
        _settings = settings;
        _pool = pool;
        _opener = opener;
        _session = session;
        _openAs = openAs;
    }

    /// <summary>The host that answered (known after the first call).</summary>
    public string Host => Session?.Host ?? _settings.Host;

    private DirectorySession? Session => _session ?? _lease?.Session;

    private BindIdentity OpenAs => _openAs ?? BindIdentity.ServiceAccount(_settings);

    public static DirectoryChannel Pooled(DirectorySettings settings, ConnectionPool pool, SessionOpener opener) => new(settings, pool, opener, null);

    public static DirectoryChannel Over(DirectorySettings settings, DirectorySession session, SessionOpener opener) => new(settings, null, opener, session);

    /// <summary>A channel for checking <paramref name="user"/>'s password, on <paramref name="bindPool"/>'s connections.</summary>
    public static DirectoryChannel ForPasswordCheck(DirectorySettings settings, ConnectionPool bindPool, SessionOpener opener, BindIdentity user) =>
        new(settings, bindPool, opener, null, user);

    /// <summary>
    /// Binds as the channel's user: false when the directory rejects the password (result 49 or 53), which leaves the
    /// connection usable (anonymous) for the next check. A new connection binds while it opens; a kept one, which the
    /// previous check left bound as somebody else, binds again: no new connection and TLS handshake per check.
    /// </summary>
    public async Task<bool> BindUserAsync(CancellationToken cancellationToken)
    {
        var user = _openAs ?? throw new InvalidOperationException("Not a password-check channel.");
        try
        {
            _lease = await _pool!.RentAsync(_settings, user, fresh: false, cancellationToken);
            return !_lease.Reused || await RunAsync(c => Rebind(c, user), FailureStage.UserBind, cancellationToken);
        }
        catch (InvalidUserCredentialsException)
        {
            return false;
        }
    }

    public async Task<T> RunAsync<T>(Func<LdapConnection, T> call, FailureStage stage, CancellationToken cancellationToken)
    {
        if (Session is null)
        {
            _lease = await _pool!.RentAsync(_settings, OpenAs, fresh: false, cancellationToken);
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
            _lease = await _pool!.RentAsync(_settings, OpenAs, fresh: true, cancellationToken);
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

    private static bool Rebind(LdapConnection connection, BindIdentity user)
    {
        try
        {
            user.BindOn(connection);
            return true;
        }
        catch (Exception e) when (BindIdentity.RefusesUser(e))
        {
            return false;
        }
    }

    private async Task<DirectoryFailureException> FailAsync(Exception exception, FailureStage stage, CancellationToken cancellationToken)
    {
        if (FailureDiagnosis.IsConnectionLost(exception))
        {
            Session?.MarkBroken();
        }

        return await FailureDiagnosis.ClassifyAsync(
            exception, stage, _opener.Context(_settings, Host), _opener.TrustedCas(_settings), _opener.Time, _opener.Egress, cancellationToken);
    }
}
