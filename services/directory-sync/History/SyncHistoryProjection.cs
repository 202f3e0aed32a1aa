using System.Text.Json;
using JasperFx.Events;
using Marten;
using Platform.DirectorySync.Sync;
using Platform.Outbox.Store;
using Weasel.Postgresql.Tables;

namespace Platform.DirectorySync.History;

/// <summary>
/// A domain's sync history (tables <c>sync_runs</c> and <c>sync_changes</c>): each run with its trigger, times, status,
/// counts and error class, and each user it changed or skipped. Updated in the writing transaction.
/// </summary>
public sealed class SyncHistoryProjection : TableProjection
{
    public override string Name => "sync_history";

    public override IEnumerable<Table> Tables(string schema)
    {
        var runs = new Table($"{schema}.sync_runs");
        runs.AddColumn<Guid>("run_id").AsPrimaryKey();
        runs.AddColumn<string>("domain").NotNull();
        runs.AddColumn<string>("trigger").NotNull();
        runs.AddColumn<string>("requested_by").NotNull();
        runs.AddColumn("requested_at", "timestamptz").NotNull();
        runs.AddColumn<string>("status").NotNull();
        runs.AddColumn<string>("mode");
        runs.AddColumn("started_at", "timestamptz");
        runs.AddColumn("finished_at", "timestamptz");
        foreach (var count in new[] { "users", "added", "updated", "disabled", "enabled", "removed", "held", "problems" })
        {
            runs.AddColumn<int>(count);
        }

        runs.AddColumn<string>("change_mark");
        runs.AddColumn<string>("error_code");
        runs.AddColumn<string>("error_message");
        // The failure's case and the values its words name (never a password); null for runs failed before they were kept.
        runs.AddColumn<string>("error_reason");
        runs.AddColumn("error_values", "jsonb");
        runs.AddColumn<string>("held_reason");
        runs.AddColumn<string>("held_decision");
        runs.AddColumn<string>("held_decided_by");
        runs.AddColumn<string>("requested_mode");
        // The W3C trace context of the request that queued the run: the run, and what its events reach, continue that trace.
        runs.AddColumn<string>("traceparent");
        runs.Indexes.Add(new IndexDefinition("sync_runs_domain") { Columns = ["domain", "requested_at"] });
        runs.Indexes.Add(new IndexDefinition("sync_runs_queued") { Columns = ["requested_at"], Predicate = "status = 'queued'" });
        yield return runs;

        var changes = new Table($"{schema}.sync_changes");
        changes.AddColumn<long>("id").BigAutoIncrement().AsPrimaryKey();
        changes.AddColumn<Guid>("run_id").NotNull();
        changes.AddColumn<string>("change").NotNull();
        changes.AddColumn<string>("directory_id");
        changes.AddColumn<string>("email");
        changes.AddColumn("detail", "jsonb").NotNull();
        changes.Indexes.Add(new IndexDefinition("sync_changes_run") { Columns = ["run_id", "id"] });
        yield return changes;
    }

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var schema = operations.DocumentStore.Options.DatabaseSchemaName;
        var changes = new List<ChangeRow>();
        foreach (var e in events)
        {
            Apply(operations, schema, e, changes);
        }

        if (changes.Count > 0)
        {
            // Every user a run changed, in order, as one multi-row insert.
            operations.QueueSqlCommand($"""
                INSERT INTO {schema}.sync_changes (run_id, change, directory_id, email, detail)
                SELECT c.run_id, c.change, c.directory_id, c.email, c.detail::jsonb
                FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS c(run_id, change, directory_id, email, detail, ord)
                ORDER BY c.ord
                """,
                changes.Select(c => c.RunId).ToArray(), changes.Select(c => c.Change).ToArray(), changes.Select(c => c.DirectoryId).ToArray(),
                changes.Select(c => c.Email).ToArray(), changes.Select(c => c.Detail).ToArray());
        }

        return Task.CompletedTask;
    }

    private static void Apply(IDocumentOperations operations, string schema, IEvent recorded, List<ChangeRow> changes)
    {
        switch (recorded.Data)
        {
            case SyncRunRequested e:
                operations.QueueSqlCommand($"""
                    INSERT INTO {schema}.sync_runs (run_id, domain, trigger, requested_by, requested_at, status, requested_mode, traceparent)
                    VALUES (?, ?, ?, ?, ?, 'queued', ?, ?) ON CONFLICT (run_id) DO NOTHING
                    """, e.RunId, e.Domain, e.Trigger, e.RequestedBy, e.At, e.Mode!, (recorded.GetHeader(TraceHeaders.TraceParent) as string)!);
                break;
            case SyncRunStarted e:
                operations.QueueSqlCommand($"UPDATE {schema}.sync_runs SET status = 'running', mode = ?, started_at = ? WHERE run_id = ?", e.Mode, e.At, e.RunId);
                break;
            case SyncRunCompleted e:
                operations.QueueSqlCommand($"""
                    UPDATE {schema}.sync_runs SET status = 'completed', finished_at = ?, users = ?, added = ?, updated = ?,
                        disabled = ?, enabled = ?, removed = ?, held = ?, problems = ?, change_mark = ?
                    WHERE run_id = ?
                    """, e.At, e.Users, e.Added, e.Updated, e.Disabled, e.Enabled, e.Removed, e.Held, e.Problems.Count, e.ChangeMark!, e.RunId);
                foreach (var problem in e.Problems)
                {
                    changes.Add(Change(e.RunId, "skipped", null, null, new { problem.Dn, problem.Code, problem.Message }));
                }

                break;
            case SyncRunFailed e:
                operations.QueueSqlCommand($"""
                    UPDATE {schema}.sync_runs SET status = 'failed', finished_at = ?, error_code = ?, error_message = ?, error_reason = ?,
                        error_values = ?::jsonb
                    WHERE run_id = ?
                    """, e.At, e.ErrorCode, e.Message, e.Reason!, (e.Values is null ? null : JsonSerializer.Serialize(e.Values))!, e.RunId);
                break;
            case RemovalsHeld e:
                operations.QueueSqlCommand($"UPDATE {schema}.sync_runs SET held_reason = ? WHERE run_id = ?", e.Reason, e.RunId);
                foreach (var user in e.Users)
                {
                    changes.Add(Change(e.RunId, "removalHeld", user.DirectoryId, user.Email, new { e.Reason }));
                }

                break;
            case HeldRemovalsDecided e:
                operations.QueueSqlCommand($"UPDATE {schema}.sync_runs SET held_decision = ?, held_decided_by = ? WHERE run_id = ?",
                    e.Confirmed ? "confirmed" : "dismissed", e.DecidedBy, e.RunId);
                break;
            case DirectoryUsersChanged e:
                changes.AddRange(e.Changes.Select(change => Change(e.RunId, change)));
                break;
        }
    }

    private static ChangeRow Change(Guid runId, DirectoryUserChange change) => change switch
    {
        DirectoryUserAdded c => Change(runId, "added", c.DirectoryId, c.Email, new { c.Dn, c.Aliases, c.DisplayName, c.Disabled }),
        DirectoryUserChanged c => Change(runId, "updated", c.DirectoryId, c.Email, new { c.Dn, c.PreviousEmail, c.Aliases, c.DisplayName }),
        DirectoryUserDisabled c => Change(runId, "disabled", c.DirectoryId, c.Email, new { }),
        DirectoryUserEnabled c => Change(runId, "enabled", c.DirectoryId, c.Email, new { }),
        DirectoryUserRemoved c => Change(runId, "removed", c.DirectoryId, c.Email, new { c.ApprovedBy }),
        _ => throw new ArgumentOutOfRangeException(nameof(change), change.GetType().Name, "Not a change of the managed list."),
    };

    private static ChangeRow Change(Guid runId, string change, string? directoryId, string? email, object detail) =>
        new(runId, change, directoryId, email, JsonSerializer.Serialize(detail, JsonSerializerOptions.Web));

    private sealed record ChangeRow(Guid RunId, string Change, string? DirectoryId, string? Email, string Detail);
}
