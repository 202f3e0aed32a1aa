using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Platform.Directory.Settings;

namespace Platform.Directory.Connections;

/// <summary>
/// Bound connections, kept open between operations: one pool for the service accounts' connections, another for
/// password checks (<see cref="DirectoryClientFactory"/>), so that a connection a user bound never serves a search.
/// Keyed by everything that makes a connection different — hosts, port, security, CA, timeouts and the service
/// credentials (as an HMAC, never in clear) — so that a changed password or CA never reuses an old connection. A
/// connection serves one operation at a time; at most <c>connectionsPerDirectory</c> exist per key (callers wait for a
/// slot), at most <see cref="DirectoryClientOptions.MaxIdleConnections"/> stay idle in the pool, idle ones are
/// closed after <see cref="DirectoryClientOptions.IdleTimeout"/>, and none is reused once older than
/// <see cref="DirectoryClientOptions.MaxLifetime"/> (its next user binds a new one).
/// </summary>
internal sealed partial class ConnectionPool : IDisposable
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly byte[] _keySecret = RandomNumberGenerator.GetBytes(32);
    private readonly SessionOpener _opener;
    private readonly DirectoryClientOptions _options;
    private readonly int _connectionsPerDirectory;
    private readonly ILogger _logger;
    private readonly ITimer _sweeper;
    private int _idle;
    private long _opened;
    private long _reused;
    private long _discarded;
    private volatile bool _disposed;

    public ConnectionPool(SessionOpener opener, DirectoryClientOptions options, int connectionsPerDirectory, ILogger logger)
    {
        _opener = opener;
        _options = options;
        _connectionsPerDirectory = connectionsPerDirectory;
        _logger = logger;
        var period = options.IdleTimeout / 2;
        _sweeper = opener.Time.CreateTimer(_ => Sweep(), null, period, period);
    }

    /// <summary>Counters for tests and metrics.</summary>
    public PoolStatistics Statistics => new(Interlocked.Read(ref _opened), Interlocked.Read(ref _reused), Interlocked.Read(ref _discarded), Volatile.Read(ref _idle));

    /// <summary>
    /// A connection to <paramref name="settings"/>' directory: an idle one, or a new one bound as
    /// <paramref name="openAs"/>. With <paramref name="fresh"/>, idle ones are closed rather than reused (after a reused
    /// one turned out to be dead).
    /// </summary>
    public async Task<PooledSession> RentAsync(DirectorySettings settings, BindIdentity openAs, bool fresh, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var bucket = BucketFor(settings);
        var slot = await ConnectionSlot.TakeAsync(bucket.Slots, cancellationToken);
        try
        {
            while (bucket.TryTakeIdle(out var idle))
            {
                Interlocked.Decrement(ref _idle);
                if (fresh || idle.IsBroken || Stale(idle))
                {
                    Discard(idle);
                    continue;
                }

                Interlocked.Increment(ref _reused);
                slot.Track(idle);
                return new PooledSession(this, bucket, idle, slot, reused: true);
            }

            var session = await _opener.OpenAsync(settings, openAs, slot, cancellationToken);
            Interlocked.Increment(ref _opened);
            return new PooledSession(this, bucket, session, slot, reused: false);
        }
        catch
        {
            slot.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _sweeper.Dispose();
        foreach (var bucket in _buckets.Values)
        {
            while (bucket.TryTakeIdle(out var idle))
            {
                Interlocked.Decrement(ref _idle);
                idle.Dispose();
            }
        }
    }

    internal void Return(Bucket bucket, DirectorySession session, ConnectionSlot slot)
    {
        if (!session.IsBroken && !_disposed && !Expired(session) && ReserveIdle())
        {
            session.LastUsed = _opener.Time.GetTimestamp();
            bucket.AddIdle(session);
            if (_disposed && bucket.TryTakeIdle(out var late))
            {
                Interlocked.Decrement(ref _idle);
                late.Dispose();
            }
        }
        else
        {
            Discard(session);
        }

        slot.Dispose();
    }

    private bool Expired(DirectorySession session) => _opener.Time.GetElapsedTime(session.OpenedAt) > _options.MaxLifetime;

    /// <summary>Idle too long (the server may have dropped it) or older than its lifetime.</summary>
    private bool Stale(DirectorySession session) => _opener.Time.GetElapsedTime(session.LastUsed) > _options.IdleTimeout || Expired(session);

    private bool ReserveIdle()
    {
        if (Interlocked.Increment(ref _idle) <= _options.MaxIdleConnections)
        {
            return true;
        }

        Interlocked.Decrement(ref _idle);
        return false;
    }

    private void Discard(DirectorySession session)
    {
        Interlocked.Increment(ref _discarded);
        if (session.IsBroken)
        {
            LogDiscarded(_logger, session.Host);
        }

        session.Dispose();
    }

    private Bucket BucketFor(DirectorySettings settings) =>
        _buckets.GetOrAdd(Key(settings), _ => new Bucket(_connectionsPerDirectory));

    private void Sweep()
    {
        foreach (var bucket in _buckets.Values)
        {
            foreach (var expired in bucket.TakeIdle(Stale))
            {
                Interlocked.Decrement(ref _idle);
                Discard(expired);
            }
        }
    }

    private string Key(DirectorySettings s)
    {
        var parts = string.Join('\n',
            s.Host, s.FailoverHost, s.EffectivePort, s.Security, s.CaCertificatePem, s.ConnectTimeout.Ticks, s.OperationTimeout.Ticks,
            s.BindDn, s.BindPassword?.Reveal());
        return Convert.ToHexString(HMACSHA256.HashData(_keySecret, Encoding.UTF8.GetBytes(parts)));
    }

    [LoggerMessage(LogLevel.Information, "Discarded a broken directory connection to {Host}")]
    private static partial void LogDiscarded(ILogger logger, string host);

    internal sealed class Bucket(int slots)
    {
        private readonly List<DirectorySession> _idle = [];

        public SemaphoreSlim Slots { get; } = new(slots, slots);

        public bool TryTakeIdle(out DirectorySession session)
        {
            lock (_idle)
            {
                if (_idle.Count == 0)
                {
                    session = null!;
                    return false;
                }

                // Most recently used first: it is the most likely to be alive, and the others age out.
                session = _idle[^1];
                _idle.RemoveAt(_idle.Count - 1);
                return true;
            }
        }

        public void AddIdle(DirectorySession session)
        {
            lock (_idle)
            {
                _idle.Add(session);
            }
        }

        public List<DirectorySession> TakeIdle(Func<DirectorySession, bool> expired)
        {
            lock (_idle)
            {
                var taken = _idle.Where(expired).ToList();
                _idle.RemoveAll(taken.Contains);
                return taken;
            }
        }
    }
}

/// <summary>Opened, reused and discarded connections so far, and how many are idle now.</summary>
internal sealed record PoolStatistics(long Opened, long Reused, long Discarded, int Idle);

/// <summary>A rented connection; disposing it gives it back (or drops it when broken) and frees its slot.</summary>
internal sealed class PooledSession(ConnectionPool pool, ConnectionPool.Bucket bucket, DirectorySession session, ConnectionSlot slot, bool reused) : IDisposable
{
    private int _returned;

    public DirectorySession Session { get; } = session;

    /// <summary>Whether the connection was used before: a failure on it may just mean the server closed it meanwhile.</summary>
    public bool Reused { get; } = reused;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _returned, 1) == 0)
        {
            pool.Return(bucket, Session, slot);
        }
    }
}
