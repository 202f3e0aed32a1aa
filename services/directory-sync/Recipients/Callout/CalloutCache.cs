using Microsoft.Extensions.Options;

namespace Platform.DirectorySync.Recipients.Callout;

/// <summary>
/// Answers already given, per server and address (any case): Valid for <see cref="CalloutOptions.PositiveTtl"/>,
/// Invalid for <see cref="CalloutOptions.NegativeTtl"/>, Unknown for <see cref="CalloutOptions.UnknownTtl"/>. In memory,
/// this replica only; at <see cref="CalloutOptions.MaxEntries"/> the oldest answer makes room.
/// </summary>
public sealed class CalloutCache(IOptions<CalloutOptions> options, TimeProvider clock)
{
    private readonly CalloutOptions _options = options.Value;
    private readonly Lock _lock = new();
    private readonly Dictionary<CalloutKey, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _oldestFirst = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public CalloutAnswer? Get(CalloutServer server, string address) => Get(CalloutKey.For(server, address));

    public void Set(CalloutServer server, string address, CalloutAnswer answer) => Set(CalloutKey.For(server, address), answer);

    internal CalloutAnswer? Get(CalloutKey key)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var node))
            {
                return null;
            }

            if (node.Value.Expires > now)
            {
                return node.Value.Answer;
            }

            Remove(node);
            return null;
        }
    }

    internal void Set(CalloutKey key, CalloutAnswer answer)
    {
        var ttl = TimeToLive(answer.Outcome, _options);
        if (ttl <= TimeSpan.Zero)
        {
            return;
        }

        var entry = new Entry(key, answer, clock.GetUtcNow() + ttl);
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                Remove(existing);
            }

            while (_entries.Count >= _options.MaxEntries && _oldestFirst.First is { } oldest)
            {
                Remove(oldest);
            }

            _entries[key] = _oldestFirst.AddLast(entry);
        }
    }

    internal static TimeSpan TimeToLive(CalloutOutcome outcome, CalloutOptions options) => outcome switch
    {
        CalloutOutcome.Valid => options.PositiveTtl,
        CalloutOutcome.Invalid => options.NegativeTtl,
        _ => options.UnknownTtl,
    };

    private void Remove(LinkedListNode<Entry> node)
    {
        _oldestFirst.Remove(node);
        _entries.Remove(node.Value.Key);
    }

    private sealed record Entry(CalloutKey Key, CalloutAnswer Answer, DateTimeOffset Expires);
}

/// <summary>One server's view of one address: host and address compared in lower case.</summary>
internal readonly record struct CalloutKey(string Host, int Port, string Address)
{
    public static CalloutKey For(CalloutServer server, string address) =>
        new(server.Key.Host, server.Key.Port, address.ToLowerInvariant());
}
