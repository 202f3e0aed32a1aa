using Npgsql;
using Platform.EventStore.Events;

namespace Platform.EventStore.Projections;

/// <summary>
/// Keeps a read model in step with events. The same projection runs inline (in the writing transaction) or async
/// (behind the writes, from a checkpoint); both receive events in order and apply them inside a transaction.
/// </summary>
public interface IProjection
{
    string Name { get; }

    /// <summary>Creates the read model's tables if they are missing. Runs at start-up, under the migration lock.</summary>
    Task EnsureStorageAsync(NpgsqlConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="events"/>. Writes that nothing later in this call reads may go to
    /// <paramref name="writes"/>, which runs them with the other projections' writes (one round trip for all, before the
    /// transaction commits); reads, and writes whose results a later read needs, go to <paramref name="connection"/>
    /// at once. Reads do not see what was left to <paramref name="writes"/>.
    /// </summary>
    Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, ProjectionWrites writes, CancellationToken cancellationToken);

    /// <summary>Empties the read model before a rebuild from position 0.</summary>
    Task ResetAsync(NpgsqlConnection connection, CancellationToken cancellationToken);
}
