namespace Platform.EventStore.Events;

/// <summary>
/// State folded from a stream. <see cref="Version"/> is the stream's version after the last event applied (0 when the
/// stream does not exist): pass it as the expected version of the next append.
/// </summary>
public sealed record StreamState<T>(T State, long Version)
{
    public bool Exists => Version > 0;
}
