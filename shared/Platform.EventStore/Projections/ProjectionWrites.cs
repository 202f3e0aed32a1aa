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

    public void Add(NpgsqlBatchCommand command) => _commands.Add(command);

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
