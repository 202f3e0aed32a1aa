using Marten.Events;

namespace Platform.Outbox.Store;

public static class StreamWrites
{
    /// <summary>
    /// Writes a stream at the version it was read at: starts it when it was new (<paramref name="version"/> 0), else
    /// appends expecting it still at that version. A concurrent writer makes the commit fail with a conflict
    /// (<see cref="StoreErrors.IsConcurrencyConflict"/>) rather than interleave. (Marten's own expected version is the
    /// one after the append.)
    /// </summary>
    public static void Write(this IEventStoreOperations operations, string streamId, long version, IReadOnlyList<object> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("Write at least one event.", nameof(events));
        }

        if (version == 0)
        {
            operations.StartStream(streamId, [.. events]);
        }
        else
        {
            operations.Append(streamId, version + events.Count, [.. events]);
        }
    }
}
