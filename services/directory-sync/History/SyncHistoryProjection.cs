using System.Text.Json;
using Npgsql;
using Platform.DirectorySync.Sync;
using Platform.EventStore.Events;
using Platform.EventStore.Projections;
using static Platform.DirectorySync.Sync.DirectoryUsersProjection;

namespace Platform.DirectorySync.History;

/// <summary>
/// A domain's sync history (tables <c>sync_runs</c> and <c>sync_changes</c>): each run with its trigger, times, status,
/// counts and error class, and each user it changed or skipped. Updated in the writing transaction.
/// </summary>
public sealed class SyncHistoryProjection(string schema) : IProjection
{
    public string Name => "sync_history";

    public async Task EnsureStorageAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            CREATE TABLE IF NOT EXISTS {schema}.sync_runs (
                run_id uuid PRIMARY KEY,
                domain text NOT NULL,
                trigger text NOT NULL,
                requested_by text NOT NULL,
                requested_at timestamptz NOT NULL,
                status text NOT NULL,
                mode text,
                started_at timestamptz,
                finished_at timestamptz,
                users int, added int, updated int, disabled int, enabled int, removed int, held int, problems int,
                change_mark text,
                error_code text,
                error_message text,
                held_reason text,
                held_decision text,
                held_decided_by text);
            ALTER TABLE {schema}.sync_runs ADD COLUMN IF NOT EXISTS requested_mode text;
            -- The W3C trace context of the request that queued the run: the run, and what its events reach, continue that trace.
            ALTER TABLE {schema}.sync_runs ADD COLUMN IF NOT EXISTS traceparent text;
            CREATE INDEX IF NOT EXISTS sync_runs_domain ON {schema}.sync_runs (domain, requested_at DESC);
            CREATE INDEX IF NOT EXISTS sync_runs_queued ON {schema}.sync_runs (requested_at) WHERE status = 'queued';
            CREATE TABLE IF NOT EXISTS {schema}.sync_changes (
                id bigserial PRIMARY KEY,
                run_id uuid NOT NULL,
                change text NOT NULL,
                directory_id text,
                email text,
                detail jsonb NOT NULL);
            CREATE INDEX IF NOT EXISTS sync_changes_run ON {schema}.sync_changes (run_id, id);
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, ProjectionWrites writes, CancellationToken cancellationToken)
    {
        var changes = new List<ChangeRow>();
        foreach (var e in events)
        {
            foreach (var command in Commands(e, changes))
            {
                writes.Add(command);
            }
        }

        if (changes.Count > 0)
        {
            // Every user a run changed, in order, as one multi-row insert.
            writes.Add(BatchCommands.Of($"""
                INSERT INTO {schema}.sync_changes (run_id, change, directory_id, email, detail)
                SELECT c.run_id, c.change, c.directory_id, c.email, c.detail::jsonb
                FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS c(run_id, change, directory_id, email, detail, ord)
                ORDER BY c.ord
                """,
                changes.Select(c => c.RunId).ToArray(), changes.Select(c => c.Change).ToArray(),
                new NpgsqlParameter { Value = changes.Select(c => c.DirectoryId).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text },
                new NpgsqlParameter { Value = changes.Select(c => c.Email).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text },
                changes.Select(c => c.Detail).ToArray()));
        }

        return Task.CompletedTask;
    }

    public async Task ResetAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"TRUNCATE {schema}.sync_runs, {schema}.sync_changes", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private IEnumerable<NpgsqlBatchCommand> Commands(RecordedEvent recorded, List<ChangeRow> changes)
    {
        switch (recorded.Data)
        {
            case SyncRunRequested e:
                yield return BatchCommands.Of($"""
                    INSERT INTO {schema}.sync_runs (run_id, domain, trigger, requested_by, requested_at, status, requested_mode, traceparent)
                    VALUES ($1, $2, $3, $4, $5, 'queued', $6, $7) ON CONFLICT (run_id) DO NOTHING
                    """, e.RunId, e.Domain, e.Trigger, e.RequestedBy, e.At, Nullable(e.Mode), Nullable(recorded.Metadata.TraceParent));
                break;
            case SyncRunStarted e:
                yield return BatchCommands.Of($"UPDATE {schema}.sync_runs SET status = 'running', mode = $2, started_at = $3 WHERE run_id = $1", e.RunId, e.Mode, e.At);
                break;
            case SyncRunCompleted e:
                yield return BatchCommands.Of($"""
                    UPDATE {schema}.sync_runs SET status = 'completed', finished_at = $2, users = $3, added = $4, updated = $5,
                        disabled = $6, enabled = $7, removed = $8, held = $9, problems = $10, change_mark = $11
                    WHERE run_id = $1
                    """, e.RunId, e.At, e.Users, e.Added, e.Updated, e.Disabled, e.Enabled, e.Removed, e.Held, e.Problems.Count, Nullable(e.ChangeMark));
                foreach (var problem in e.Problems)
                {
                    changes.Add(Change(e.RunId, "skipped", null, null, new { problem.Dn, problem.Code, problem.Message }));
                }

                break;
            case SyncRunFailed e:
                yield return BatchCommands.Of($"""
                    UPDATE {schema}.sync_runs SET status = 'failed', finished_at = $2, error_code = $3, error_message = $4 WHERE run_id = $1
                    """, e.RunId, e.At, e.ErrorCode, e.Message);
                break;
            case RemovalsHeld e:
                yield return BatchCommands.Of($"UPDATE {schema}.sync_runs SET held_reason = $2 WHERE run_id = $1", e.RunId, e.Reason);
                foreach (var user in e.Users)
                {
                    changes.Add(Change(e.RunId, "removalHeld", user.DirectoryId, user.Email, new { e.Reason }));
                }

                break;
            case HeldRemovalsDecided e:
                yield return BatchCommands.Of($"UPDATE {schema}.sync_runs SET held_decision = $2, held_decided_by = $3 WHERE run_id = $1",
                    e.RunId, e.Confirmed ? "confirmed" : "dismissed", e.DecidedBy);
                break;
            case DirectoryUserAdded e:
                changes.Add(Change(e.RunId, "added", e.DirectoryId, e.Email, new { e.Dn, e.Aliases, e.DisplayName, e.Disabled }));
                break;
            case DirectoryUserChanged e:
                changes.Add(Change(e.RunId, "updated", e.DirectoryId, e.Email, new { e.Dn, e.PreviousEmail, e.Aliases, e.DisplayName }));
                break;
            case DirectoryUserDisabled e:
                changes.Add(Change(e.RunId, "disabled", e.DirectoryId, e.Email, new { }));
                break;
            case DirectoryUserEnabled e:
                changes.Add(Change(e.RunId, "enabled", e.DirectoryId, e.Email, new { }));
                break;
            case DirectoryUserRemoved e:
                changes.Add(Change(e.RunId, "removed", e.DirectoryId, e.Email, new { e.ApprovedBy }));
                break;
        }
    }

    private static ChangeRow Change(Guid runId, string change, string? directoryId, string? email, object detail) =>
        new(runId, change, directoryId, email, JsonSerializer.Serialize(detail, JsonSerializerOptions.Web));

    private sealed record ChangeRow(Guid RunId, string Change, string? DirectoryId, string? Email, string Detail);
}
