using Platform.EventStore.Sessions;

namespace Platform.DirectorySync.Registry;

/// <summary>Writing a user's registry stream at the version it was read at.</summary>
public static class RegistryStreams
{
    /// <summary>
    /// Starts the stream when it was new (<paramref name="version"/> 0), else appends expecting that version: a
    /// concurrent writer makes the commit fail with <c>ConcurrencyException</c> rather than interleave.
    /// </summary>
    public static void Write(this StreamOperations events, string streamId, long version, IReadOnlyList<object> written)
    {
        if (version == 0)
        {
            events.StartStream(streamId, [.. written]);
        }
        else
        {
            events.Append(streamId, version, [.. written]);
        }
    }
}
