namespace Platform.EventStore.Events;

/// <summary>
/// Immutable state that folds events: <c>state.Apply(event)</c> returns the next state. Decisions stay pure functions
/// over it; the store only replays a stream through <see cref="Apply"/>.
/// </summary>
public interface IFold<TSelf>
    where TSelf : IFold<TSelf>
{
    static abstract TSelf Initial { get; }

    TSelf Apply(object @event);
}
