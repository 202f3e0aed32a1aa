using Npgsql;
using NpgsqlTypes;

namespace Platform.Bench.EventStore;

/// <summary>
/// The baseline: a table equivalent to the store's events table (same columns, keys and indexes), written with plain
/// Npgsql INSERTs of already-serialized rows — what an append costs with no store around it.
/// </summary>
internal sealed class RawEventTable(NpgsqlDataSource dataSource, string schema)
{
    public async Task CreateAsync()
    {
        await using var command = dataSource.CreateCommand($"""
            CREATE TABLE {schema}.raw_events (
                seq bigserial PRIMARY KEY, id uuid NOT NULL UNIQUE, stream_id text NOT NULL, version bigint NOT NULL,
                type text NOT NULL, schema_version int NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL,
                tx bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint), recorded_at timestamptz NOT NULL DEFAULT now(),
                UNIQUE (stream_id, version));
            CREATE INDEX ON {schema}.raw_events (tx, seq);
            """);
        await command.ExecuteNonQueryAsync();
    }

    public async Task InsertAsync(string streamId, long version, string data)
    {
        await using var command = dataSource.CreateCommand(
            $"INSERT INTO {schema}.raw_events (id, stream_id, version, type, schema_version, data, metadata) VALUES ($1, $2, $3, 'user-seen', 1, $4::jsonb, '{{}}'::jsonb)");
        command.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        command.Parameters.Add(new NpgsqlParameter { Value = data });
        await command.ExecuteNonQueryAsync();
    }

    public async Task InsertBatchAsync(string streamId, IReadOnlyList<string> data)
    {
        await using var command = dataSource.CreateCommand($$"""
            INSERT INTO {{schema}}.raw_events (id, stream_id, version, type, schema_version, data, metadata)
            SELECT e.id, $1, e.ord, 'user-seen', 1, e.data::jsonb, '{}'::jsonb
            FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS e(id, data, ord)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        command.Parameters.Add(new NpgsqlParameter { Value = data.Select(_ => Guid.CreateVersion7()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = data.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync();
    }
}
