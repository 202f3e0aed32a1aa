using Npgsql;
using Platform.EventStore.Projections;

namespace Platform.EventStore.Schema;

internal static class SchemaMigrator
{
    public static async Task MigrateAsync(
        NpgsqlDataSource dataSource, string schema, IEnumerable<IProjection> projections, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Transaction-scoped: released on commit, and on a crash with the connection.
        await Execute(connection, "SELECT pg_advisory_xact_lock(hashtext('platform-eventstore-migrate:' || @schema))", cancellationToken,
            new NpgsqlParameter("schema", schema));
        await Execute(connection, $"CREATE SCHEMA IF NOT EXISTS {schema}", cancellationToken);
        await Execute(connection,
            $"CREATE TABLE IF NOT EXISTS {schema}.schema_migrations (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
            cancellationToken);

        await using var applied = new NpgsqlCommand($"SELECT coalesce(max(version), 0) FROM {schema}.schema_migrations", connection);
        var current = (int)(await applied.ExecuteScalarAsync(cancellationToken))!;
        var migrations = SchemaDefinition.Migrations(schema);
        for (var version = current + 1; version <= migrations.Count; version++)
        {
            await Execute(connection, migrations[version - 1], cancellationToken);
            await Execute(connection, $"INSERT INTO {schema}.schema_migrations (version) VALUES (@v)", cancellationToken,
                new NpgsqlParameter("v", version));
        }

        foreach (var projection in projections)
        {
            await projection.EnsureStorageAsync(connection, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
