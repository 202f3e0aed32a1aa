using Npgsql;

namespace Platform.EventStore.Projections;

/// <summary>
/// A statement for an <see cref="NpgsqlBatch"/> with positional parameters ($1, $2, …), as projections write them; a value
/// that is already an <see cref="NpgsqlParameter"/> (to set its type) is taken as it is.
/// </summary>
public static class BatchCommands
{
    public static NpgsqlBatchCommand Of(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
