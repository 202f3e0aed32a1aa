using Npgsql;

namespace Platform.EventStore.Projections;

/// <summary>
/// Statements projections hand over instead of running them one by one: the writes of every inline projection of a
/// commit then reach the database in one round trip, in the writing transaction, before it commits. Statements run
/// in the order they were added.
/// </summary>
public sealed class ProjectionWrites
{
    private readonly List<NpgsqlBatchCommand> _commands = [];

    public int Count => _commands.Count;

    public void Add(NpgsqlBatchCommand command) => _commands.Add(command);

    /// <summary>Runs <paramref name="apply"/> and its writes at once: for a projection applied on its own.</summary>
    public static async Task ApplyNowAsync(NpgsqlConnection connection, Func<ProjectionWrites, Task> apply, CancellationToken cancellationToken)
    {
        var writes = new ProjectionWrites();
        await apply(writes);
        await writes.FlushAsync(connection, cancellationToken);
    }

    internal async Task FlushAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (_commands.Count == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(connection);
        foreach (var command in _commands)
        {
            batch.BatchCommands.Add(command);
        }

        _commands.Clear();
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
