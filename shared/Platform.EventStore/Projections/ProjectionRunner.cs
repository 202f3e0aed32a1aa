using Npgsql;
using Platform.EventStore.Events;

namespace Platform.EventStore.Projections;

/// <summary>
/// Moves one async projection forward by one batch in one transaction: read events after the checkpoint, apply them,
/// store the new checkpoint. The checkpoint row is locked with SKIP LOCKED, so replicas never apply a batch twice.
/// </summary>
internal sealed class ProjectionRunner(EventStore store, IProjection projection, int batchSize)
{
    private string Schema => store.Options.Schema;

    /// <summary>Applies the next batch; returns how many events it applied, or null when another replica holds the projection.</summary>
    public async Task<int?> RunBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var checkpoint = await LockCheckpointAsync(connection, cancellationToken);
        if (checkpoint is null)
        {
            return null;
        }

        var (events, last) = await ReadAfterAsync(connection, checkpoint.Value, cancellationToken);
        if (events.Count == 0)
        {
            return 0;
        }

        await ApplyAsync(connection, events, cancellationToken);
        await SaveCheckpointAsync(connection, last, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return events.Count;
    }

    /// <summary>Empties the read model and replays every event, holding the projection meanwhile.</summary>
    public async Task RebuildAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await EnsureCheckpointAsync(connection, cancellationToken);
        await using (var wait = new NpgsqlCommand($"SELECT 1 FROM {Schema}.projection_checkpoints WHERE name = $1 FOR UPDATE", connection))
        {
            wait.Parameters.Add(new NpgsqlParameter { Value = projection.Name });
            await wait.ExecuteScalarAsync(cancellationToken);
        }

        await projection.ResetAsync(connection, cancellationToken);
        var checkpoint = ProjectionCheckpoint.Start;
        while (true)
        {
            var (events, last) = await ReadAfterAsync(connection, checkpoint, cancellationToken);
            if (events.Count == 0)
            {
                break;
            }

            await ApplyAsync(connection, events, cancellationToken);
            checkpoint = last;
        }

        await SaveCheckpointAsync(connection, checkpoint, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        var writes = new ProjectionWrites();
        await projection.ApplyAsync(connection, events, writes, cancellationToken);
        await writes.FlushAsync(connection, cancellationToken);
    }

    private async Task<ProjectionCheckpoint?> LockCheckpointAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await EnsureCheckpointAsync(connection, cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT tx, seq FROM {Schema}.projection_checkpoints WHERE name = $1 FOR UPDATE SKIP LOCKED", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = projection.Name });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new ProjectionCheckpoint(reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    private async Task EnsureCheckpointAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"INSERT INTO {Schema}.projection_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = projection.Name });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<(List<RecordedEvent> Events, ProjectionCheckpoint Last)> ReadAfterAsync(
        NpgsqlConnection connection, ProjectionCheckpoint after, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT {EventReader.Columns}, tx FROM {Schema}.events
            WHERE (tx, seq) > ($1, $2) AND tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
            ORDER BY tx, seq
            LIMIT $3
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = after.Transaction });
        command.Parameters.Add(new NpgsqlParameter { Value = after.Position });
        command.Parameters.Add(new NpgsqlParameter { Value = batchSize });
        var last = after;
        var events = await EventReader.ReadAsync(command, store.Options.Events, cancellationToken,
            reader => last = new ProjectionCheckpoint(reader.GetInt64(9), reader.GetInt64(0)));
        return (events, last);
    }

    private async Task SaveCheckpointAsync(NpgsqlConnection connection, ProjectionCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"UPDATE {Schema}.projection_checkpoints SET tx = $2, seq = $3, updated_at = now() WHERE name = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = projection.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Transaction });
        command.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Position });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
