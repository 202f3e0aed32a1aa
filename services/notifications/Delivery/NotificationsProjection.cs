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

    private readonly RowShape _queued = new($"""
        INSERT INTO {schema}.notifications (key, kind, domain, email, message_id, report_id, state, queued_at, next_attempt_at, payload, version)
        SELECT key, kind, domain, email, message_id, report_id, 'queued', queued_at, queued_at, payload::jsonb, version
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::text[], $9::bigint[])
            AS q(key, kind, domain, email, message_id, report_id, queued_at, payload, version)
        """, [typeof(string), typeof(string), typeof(string), typeof(string), typeof(string), typeof(string), typeof(DateTimeOffset), typeof(string), typeof(long)]);

    // The mails are found by their keys (= ANY: the primary key), never by a join the planner might make a scan of.
    private readonly RowShape _delivered = new($"""
        UPDATE {schema}.notifications n SET state = 'sent', attempts = d.attempts, finished_at = d.at, next_attempt_at = NULL, lease_until = NULL,
            version = d.version
        FROM unnest($1::text[], $2::int[], $3::timestamptz[], $4::bigint[]) AS d(key, attempts, at, version)
        WHERE n.key = ANY($1) AND n.key = d.key
        """, [typeof(string), typeof(int), typeof(DateTimeOffset), typeof(long)], key: 0);

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
            switch (e.Data)
            {
                case NotificationQueued q:
                    writes.AddRow(_queued, q.Key, q.Kind, q.Domain, q.Email, q.MessageId, q.Report?.ReportId, q.QueuedAt, JsonSerializer.Serialize(q, Json),
                        e.Version);
                    continue;
                case NotificationDelivered s:
                    writes.AddRow(_delivered, key, s.Attempts, s.At, e.Version);
                    continue;
            }

            var command = e.Data switch
            {
                DeliveryDeferred d => BatchCommands.Of($"""
                    UPDATE {schema}.notifications SET state = 'retrying', attempts = $2, last_error = $3, smtp_code = $4, next_attempt_at = $5,
                        lease_until = NULL, version = $6 WHERE key = $1
                    """, key, d.Attempt, d.Error, (object?)d.SmtpCode ?? DBNull.Value, d.NextAttemptAt, e.Version),
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

}
