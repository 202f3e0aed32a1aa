using Npgsql;

namespace Platform.EventStore.Projections;

/// <summary>A statement for an <see cref="NpgsqlBatch"/> with positional parameters ($1, $2, …), as projections write them.</summary>
public static class BatchCommands
{
    public static NpgsqlBatchCommand Of(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
