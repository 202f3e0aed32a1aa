using Npgsql;

namespace Platform.EventStore.Projections;

/// <summary>
/// Statements projections hand over instead of running them one by one: the writes of every inline projection of a
/// commit then reach the database in one round trip, in the writing transaction, before it commits. Statements run
/// in the order they were added; consecutive rows of one <see cref="RowShape"/> run as one statement (a group commit
/// of fifty sessions writes its fifty rows with one insert).
/// </summary>
public sealed class ProjectionWrites
{
    private readonly List<NpgsqlBatchCommand> _commands = [];
    private readonly List<object?[]> _rows = [];
    private readonly HashSet<object> _keys = [];
    private RowShape? _shape;

    public void Add(NpgsqlBatchCommand command)
    {
        EndRows();
        _commands.Add(command);
    }

    /// <summary>A row for <paramref name="shape"/>'s statement, written with the rows of that shape added right before it.</summary>
    public void AddRow(RowShape shape, params object?[] row)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(row);
        if (row.Length != shape.Width)
        {
            throw new ArgumentException($"The shape has {shape.Width} columns; the row {row.Length}.", nameof(row));
        }

        var key = shape.Key is { } column ? row[column] ?? throw new ArgumentException("A row's key is null.", nameof(row)) : null;
        if (!ReferenceEquals(shape, _shape) || (key is not null && _keys.Contains(key)))
        {
            EndRows();
            _shape = shape;
        }

        if (key is not null)
        {
            _keys.Add(key);
        }

        _rows.Add(row);
    }

    internal async Task FlushAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        EndRows();
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

    private void EndRows()
    {
        if (_shape is null)
        {
            return;
        }

        _commands.Add(_shape.Command(_rows));
        _rows.Clear();
        _keys.Clear();
        _shape = null;
    }
}
