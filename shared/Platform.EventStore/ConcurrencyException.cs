namespace Platform.EventStore;

/// <summary>
/// An append found its stream at another version than expected (or a new stream already existing). The HTTP layer
/// maps it to 409; a consumer reloads and decides again.
/// </summary>
public sealed class ConcurrencyException(string streamId, long expectedVersion, long actualVersion)
    : Exception(expectedVersion == 0
        ? $"Stream '{streamId}' already exists (at version {actualVersion})."
        : $"Stream '{streamId}' is at version {actualVersion}, not {expectedVersion}.")
{
    public string StreamId { get; } = streamId;
    public long ExpectedVersion { get; } = expectedVersion;
    public long ActualVersion { get; } = actualVersion;
}
