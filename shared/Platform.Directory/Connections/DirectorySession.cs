using System.DirectoryServices.Protocols;

namespace Platform.Directory.Connections;

/// <summary>
/// One open, bound <see cref="LdapConnection"/>, used by one operation at a time. Every call into it runs on a
/// dedicated thread (System.DirectoryServices.Protocols blocks in libldap) and is awaited with a guard timeout and
/// the caller's cancellation token.
/// </summary>
/// <remarks>
/// When the guard or the token fires first, the caller gets control back at once, but the connection cannot be
/// disposed while libldap still runs on it: the session is marked broken, its socket shut down (libldap 2.5 has no
/// timeout for a TLS handshake, so a server that accepts TCP and never answers would hold the thread for good), and
/// it is disposed when that call returns. Until then <see cref="Finished"/> is not complete, so the pool keeps the
/// connection's slot occupied and a hanging server cannot pile up threads.
/// </remarks>
internal sealed class DirectorySession : IDisposable
{
    private readonly LdapConnection _connection;
    private readonly Lock _gate = new();
    private bool _closed;
    private Task _running = Task.CompletedTask;
    private int _disposeRequested;

    public DirectorySession(LdapConnection connection, string host, TimeSpan guard)
    {
        _connection = connection;
        Host = host;
        Guard = guard;
    }

    /// <summary>The host this session is connected to (the failover host when the first was unreachable).</summary>
    public string Host { get; }

    /// <summary>How long an awaited call may take before the caller gets a timeout; longer than libldap's own.</summary>
    public TimeSpan Guard { get; }

    /// <summary>Set when an operation failed in a way that leaves the connection unusable; the pool then drops it.</summary>
    public bool IsBroken { get; private set; }

    /// <summary>When the session was last handed back to the pool.</summary>
    public long LastUsed { get; set; }

    /// <summary>When the connection was opened and bound (a <see cref="TimeProvider"/> timestamp).</summary>
    public long OpenedAt { get; init; }

    /// <summary>Completes when no call runs on the connection any more and it has been disposed.</summary>
    public Task Finished { get; private set; } = Task.CompletedTask;

    public void MarkBroken() => IsBroken = true;

    /// <summary>Runs <paramref name="call"/> on the connection; <see cref="TimeoutException"/> when the guard expires.</summary>
    public async Task<T> RunAsync<T>(Func<LdapConnection, T> call, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposeRequested) != 0, this);
        if (!_running.IsCompleted)
        {
            throw new InvalidOperationException("A directory session runs one operation at a time.");
        }

        var task = Task.Factory.StartNew(() => call(_connection), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _running = task;
        try
        {
            return await task.WaitAsync(Guard, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException && !task.IsCompleted)
        {
            IsBroken = true;
            Abort(task);
            throw;
        }
    }

    public Task RunAsync(Action<LdapConnection> call, CancellationToken cancellationToken) =>
        RunAsync(connection => { call(connection); return true; }, cancellationToken);

    /// <summary>Disposes the connection now, or as soon as a call still running on it returns.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposeRequested, 1) != 0)
        {
            return;
        }

        if (_running.IsCompleted)
        {
            DisposeConnection();
        }
        else
        {
            Finished = _running.ContinueWith(_ => DisposeConnection(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private void Abort(Task running)
    {
        lock (_gate)
        {
            // Not once the connection is disposed: its descriptor number may belong to another socket by then.
            if (!_closed && !running.IsCompleted)
            {
                LibLdap.Abort(_connection);
            }
        }
    }

    private void DisposeConnection()
    {
        lock (_gate)
        {
            _closed = true;
            _connection.Dispose();
        }
    }
}
