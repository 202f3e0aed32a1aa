using Npgsql;

namespace Platform.EventStore.Projections;

/// <summary>
/// A statement over rows given as arrays, for <see cref="ProjectionWrites.AddRow"/>: its parameters are the columns,
/// <c>$1</c> the first, each an array of its column's type (a nullable value type for a column that may be null).
/// When <paramref name="key"/> names a column, the rows of one statement have distinct values there — an update by
/// key applies each row once — and a repeated value starts the next statement.
/// </summary>
public sealed class RowShape(string sql, Type[] columns, int? key = null)
{
    internal int? Key => key;

    internal int Width => columns.Length;

    internal NpgsqlBatchCommand Command(List<object?[]> rows)
    {
        var command = new NpgsqlBatchCommand(sql);
        for (var c = 0; c < columns.Length; c++)
        {
            var values = Array.CreateInstance(columns[c], rows.Count);
            for (var r = 0; r < rows.Count; r++)
            {
                values.SetValue(rows[r][c], r);
            }

            command.Parameters.Add(new NpgsqlParameter { Value = values });
        }

        return command;
    }
}
