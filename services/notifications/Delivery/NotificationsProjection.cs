using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.EventStore.Events;
using Platform.EventStore.Projections;

namespace Platform.Notifications.Delivery;

/// <summary>
/// Every mail and its state (<c>notifications</c>): the durable queue the delivery lanes claim from, and what the API
/// shows. A row is claimed with a lease (<c>lease_until</c>) that the outcome's event clears.
/// </summary>
public sealed class NotificationsProjection(string schema) : IProjection
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => "notifications";

    public async Task EnsureStorageAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            CREATE TABLE IF NOT EXISTS {schema}.notifications (
                key text COLLATE "C" PRIMARY KEY,
                kind text NOT NULL,
                domain text COLLATE "C" NOT NULL,
                email text COLLATE "C" NOT NULL,
                message_id text NOT NULL,
                report_id text,
                state text NOT NULL,
                attempts int NOT NULL DEFAULT 0,
                queued_at timestamptz NOT NULL,
                next_attempt_at timestamptz,
                last_error text,
                smtp_code int,
                finished_at timestamptz,
                lease_until timestamptz,
                payload jsonb NOT NULL,
                version bigint NOT NULL);
            -- Which claim holds the lease: a lane sends a mail only while the lease is still its own.
            ALTER TABLE {schema}.notifications ADD COLUMN IF NOT EXISTS lease_owner uuid;
            CREATE INDEX IF NOT EXISTS notifications_due ON {schema}.notifications (next_attempt_at) WHERE state IN ('queued', 'retrying');
            CREATE INDEX IF NOT EXISTS notifications_by_user ON {schema}.notifications (domain, email, queued_at);
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, ProjectionWrites writes, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            var key = KeyOf(e.StreamId);
            var command = e.Data switch
            {
                NotificationQueued q => Queued(q, e.Version),
                DeliveryDeferred d => BatchCommands.Of($"""
                    UPDATE {schema}.notifications SET state = 'retrying', attempts = $2, last_error = $3, smtp_code = $4, next_attempt_at = $5,
                        lease_until = NULL, version = $6 WHERE key = $1
                    """, key, d.Attempt, d.Error, (object?)d.SmtpCode ?? DBNull.Value, d.NextAttemptAt, e.Version),
                NotificationDelivered s => BatchCommands.Of($"""
                    UPDATE {schema}.notifications SET state = 'sent', attempts = $2, finished_at = $3, next_attempt_at = NULL, lease_until = NULL,
                        version = $4 WHERE key = $1
                    """, key, s.Attempts, s.At, e.Version),
                NotificationAbandoned a => BatchCommands.Of($"""
                    UPDATE {schema}.notifications SET state = 'failed', attempts = $2, last_error = $3, smtp_code = $4, finished_at = $5,
                        next_attempt_at = NULL, lease_until = NULL, version = $6 WHERE key = $1
                    """, key, a.Attempts, a.Reason, (object?)a.SmtpCode ?? DBNull.Value, a.At, e.Version),
                _ => null,
            };
            if (command is not null)
            {
                writes.Add(command);
            }
        }

        return Task.CompletedTask;
    }

    public async Task ResetAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"TRUNCATE {schema}.notifications", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static string StreamId(string key) => "notification/" + key;

    private static string KeyOf(string streamId) => streamId["notification/".Length..];

    private NpgsqlBatchCommand Queued(NotificationQueued q, long version)
    {
        var command = BatchCommands.Of($"""
            INSERT INTO {schema}.notifications (key, kind, domain, email, message_id, report_id, state, queued_at, next_attempt_at, payload, version)
            VALUES ($1, $2, $3, $4, $5, $6, 'queued', $7, $7, $8, $9)
            """, q.Key, q.Kind, q.Domain, q.Email, q.MessageId, (object?)q.Report?.ReportId ?? DBNull.Value, q.QueuedAt,
            JsonSerializer.Serialize(q, Json), version);
        command.Parameters[7].NpgsqlDbType = NpgsqlDbType.Jsonb;
        return command;
    }
}
