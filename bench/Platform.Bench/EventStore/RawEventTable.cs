using Npgsql;
using NpgsqlTypes;

namespace Platform.Bench.EventStore;

/// <summary>
/// The baseline: tables equivalent to Marten's streams and events tables (same columns, keys, foreign key and
/// indexes), written with plain Npgsql INSERTs of already-serialized rows — the same rows an append writes (a new
/// stream's row and its events), with no store around them.
/// </summary>
internal sealed class RawEventTable(NpgsqlDataSource dataSource, string schema)
{
    private const string DotNetType = "Platform.Bench.EventStore.UserSeen, Platform.Bench";

    public async Task CreateAsync()
    {
        await using var command = dataSource.CreateCommand($"""
            CREATE TABLE {schema}.raw_streams (
                id varchar PRIMARY KEY, type varchar, version bigint, timestamp timestamptz NOT NULL DEFAULT now(),
                created timestamptz NOT NULL DEFAULT now(), tenant_id varchar DEFAULT '*DEFAULT*', compacted_version bigint NOT NULL DEFAULT 0,
                is_archived boolean DEFAULT false);
            CREATE TABLE {schema}.raw_events (
                seq_id bigserial PRIMARY KEY, id uuid NOT NULL, stream_id varchar REFERENCES {schema}.raw_streams (id) ON DELETE CASCADE,
                version bigint NOT NULL, data jsonb NOT NULL, bdata bytea, type varchar NOT NULL, timestamp timestamptz NOT NULL DEFAULT now(),
                tenant_id varchar DEFAULT '*DEFAULT*', mt_dotnet_type varchar, correlation_id varchar, causation_id varchar, headers jsonb,
                user_name varchar, is_archived boolean DEFAULT false);
            CREATE UNIQUE INDEX ON {schema}.raw_events (stream_id, version);
            """);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A new stream of one event: its stream row and its event row, in one statement.</summary>
    public async Task InsertAsync(string streamId, string data)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH stream AS (INSERT INTO {schema}.raw_streams (id, version) VALUES ($2, 1))
            INSERT INTO {schema}.raw_events (id, stream_id, version, data, type, mt_dotnet_type)
            VALUES ($1, $2, 1, $3::jsonb, 'user-seen', $4)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        command.Parameters.Add(new NpgsqlParameter { Value = data });
        command.Parameters.Add(new NpgsqlParameter { Value = DotNetType });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A new stream of several events: its stream row and every event row, in one statement.</summary>
    public async Task InsertBatchAsync(string streamId, IReadOnlyList<string> data)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH stream AS (INSERT INTO {schema}.raw_streams (id, version) VALUES ($1, cardinality($2::uuid[])))
            INSERT INTO {schema}.raw_events (id, stream_id, version, data, type, mt_dotnet_type)
            SELECT e.id, $1, e.ord, e.data::jsonb, 'user-seen', $4
            FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS e(id, data, ord)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        command.Parameters.Add(new NpgsqlParameter { Value = data.Select(_ => Guid.CreateVersion7()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = data.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = DotNetType });
        await command.ExecuteNonQueryAsync();
    }
}
