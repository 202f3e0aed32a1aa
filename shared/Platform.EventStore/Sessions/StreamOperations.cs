namespace Platform.EventStore.Sessions;

/// <summary>The event half of a unit of work (Marten: <c>session.Events</c>).</summary>
public sealed class StreamOperations
{
    /// <summary>Expected version meaning "whatever the stream is at".</summary>
    public const long AnyVersion = -1;

    internal List<StreamAction> Actions { get; } = [];

    /// <summary>Starts a stream that must not exist yet: for first-of-a-kind facts, the loser of a race gets a ConcurrencyException.</summary>
    public void StartStream(string streamId, params object[] events) => Add(streamId, 0, events);

    /// <summary>Appends if the stream is at <paramref name="expectedVersion"/> when the unit of work commits.</summary>
    public void Append(string streamId, long expectedVersion, params object[] events)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(expectedVersion, 1);
        Add(streamId, expectedVersion, events);
    }

    /// <summary>Appends whatever version the stream is at, creating it if needed.</summary>
    public void Append(string streamId, params object[] events) => Add(streamId, AnyVersion, events);

    /// <summary>
    /// Writes a stream at the version it was read at: starts it when it was new (<paramref name="version"/> 0), else
    /// appends expecting that version. A concurrent writer makes the commit fail with <see cref="ConcurrencyException"/>
    /// rather than interleave.
    /// </summary>
    public void Write(string streamId, long version, IReadOnlyList<object> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (version == 0)
        {
            StartStream(streamId, [.. events]);
        }
        else
        {
            Append(streamId, version, [.. events]);
        }
    }

    private void Add(string streamId, long expectedVersion, object[] events)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        if (events.Length == 0)
        {
            throw new ArgumentException("Append at least one event.", nameof(events));
        }

        Actions.Add(new StreamAction(streamId, expectedVersion, events));
    }
}

internal sealed record StreamAction(string StreamId, long ExpectedVersion, IReadOnlyList<object> Events);
