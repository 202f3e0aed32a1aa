using System.Text.Json;
using JasperFx.Events;
using Marten;
using Platform.Outbox.Store;
using Weasel.Postgresql.Tables;

namespace Platform.Notifications.Delivery;

/// <summary>
/// Every mail and its state (<c>notifications</c>): the durable queue the delivery lanes claim from, and what the API
/// shows. Written inline with the mails' events; a row is claimed with a lease (<c>lease_until</c>, <c>lease_owner</c>:
/// the lanes' own writes, not events) that the outcome's event clears.
/// </summary>
public sealed class NotificationsProjection : TableProjection
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public override string Name => "notifications";

    // As PostgreSQL writes it back (an IN list becomes = ANY), so that Marten's migration finds the index as it wants it.
    private const string DueStates = "state = ANY (ARRAY['queued'::text, 'retrying'::text])";

    public override IEnumerable<Table> Tables(string schema)
    {
        var table = new Table($"{schema}.notifications");
        table.AddColumn<string>("key").AsPrimaryKey();
        table.AddColumn<string>("kind").NotNull();
        table.AddColumn<string>("domain").NotNull();
        table.AddColumn<string>("email").NotNull();
        table.AddColumn<string>("message_id").NotNull();
        table.AddColumn<string>("report_id");
        table.AddColumn("state", "text").NotNull();
        table.AddColumn<int>("attempts").NotNull().DefaultValueByExpression("0");
        table.AddColumn<DateTimeOffset>("queued_at").NotNull();
        table.AddColumn<DateTimeOffset>("next_attempt_at");
        table.AddColumn<string>("last_error");
        table.AddColumn<int>("smtp_code");
        table.AddColumn<DateTimeOffset>("finished_at");
        table.AddColumn<DateTimeOffset>("lease_until");
        // Which claim holds the lease: a lane sends a mail only while the lease is still its own.
        table.AddColumn<Guid>("lease_owner");
        table.AddColumn("payload", "jsonb").NotNull();
        table.AddColumn<long>("version").NotNull();
        table.Indexes.Add(new IndexDefinition("notifications_due") { Columns = ["next_attempt_at"], Predicate = DueStates });
        table.Indexes.Add(new IndexDefinition("notifications_by_user") { Columns = ["domain", "email", "queued_at"] });
        yield return table;
    }

    /// <summary>
    /// Consecutive queued mails go as one insert and consecutive deliveries as one update (a group commit's or a claim's
    /// worth); the events' order is kept, so a rebuild's slice of a mail's whole life lands right.
    /// </summary>
    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var writes = new Writes(operations);
        foreach (var e in events)
        {
            if (e.Data is not NotificationEvent data || e.StreamKey is not { } streamId)
            {
                continue;
            }

            var key = KeyOf(streamId);
            switch (data)
            {
                case NotificationQueued q:
                    writes.Queued(q, e.Version);
                    break;
                case NotificationDelivered d:
                    writes.Delivered(key, d, e.Version);
                    break;
                case DeliveryDeferred d:
                    writes.Single($"""
                        UPDATE {writes.Schema}.notifications SET state = 'retrying', attempts = ?, last_error = ?, smtp_code = ?, next_attempt_at = ?,
                            lease_until = NULL, version = ? WHERE key = ?
                        """, d.Attempt, d.Error, d.SmtpCode, d.NextAttemptAt, e.Version, key);
                    break;
                case NotificationAbandoned a:
                    writes.Single($"""
                        UPDATE {writes.Schema}.notifications SET state = 'failed', attempts = ?, last_error = ?, smtp_code = ?, finished_at = ?,
                            next_attempt_at = NULL, lease_until = NULL, version = ? WHERE key = ?
                        """, a.Attempts, a.Reason, a.SmtpCode, a.At, e.Version, key);
                    break;
            }
        }

        writes.Flush();
        return Task.CompletedTask;
    }

    public static string StreamId(string key) => "notification/" + key;

    private static string KeyOf(string streamId) => streamId["notification/".Length..];

    /// <summary>The slice's writes in order, runs of queued and of delivered mails merged into one statement each.</summary>
    private sealed class Writes(IDocumentOperations operations)
    {
        private readonly List<(NotificationQueued Mail, long Version)> _queued = [];
        private readonly List<(string Key, NotificationDelivered Outcome, long Version)> _delivered = [];

        public string Schema { get; } = operations.DocumentStore.Options.DatabaseSchemaName;

        public void Queued(NotificationQueued mail, long version)
        {
            FlushDelivered();
            _queued.Add((mail, version));
        }

        public void Delivered(string key, NotificationDelivered outcome, long version)
        {
            FlushQueued();
            _delivered.Add((key, outcome, version));
        }

        public void Single(string sql, params object?[] args)
        {
            Flush();
            operations.QueueSqlCommand(sql, [.. args.Select(a => a ?? DBNull.Value)]);
        }

        public void Flush()
        {
            FlushQueued();
            FlushDelivered();
        }

        private void FlushQueued()
        {
            if (_queued.Count == 0)
            {
                return;
            }

            operations.QueueSqlCommand($"""
                INSERT INTO {Schema}.notifications (key, kind, domain, email, message_id, report_id, state, queued_at, next_attempt_at, payload, version)
                SELECT key, kind, domain, email, message_id, report_id, 'queued', queued_at, queued_at, payload::jsonb, version
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::bigint[])
                    AS q(key, kind, domain, email, message_id, report_id, queued_at, payload, version)
                """,
                _queued.Select(q => q.Mail.Key).ToArray(), _queued.Select(q => q.Mail.Kind).ToArray(), _queued.Select(q => q.Mail.Domain).ToArray(),
                _queued.Select(q => q.Mail.Email).ToArray(), _queued.Select(q => q.Mail.MessageId).ToArray(),
                _queued.Select(q => q.Mail.Report?.ReportId).ToArray(), _queued.Select(q => q.Mail.QueuedAt).ToArray(),
                _queued.Select(q => JsonSerializer.Serialize(q.Mail, Json)).ToArray(), _queued.Select(q => q.Version).ToArray());
            _queued.Clear();
        }

        // The mails are found by their keys (= ANY: the primary key), never by a join the planner might make a scan of.
        private void FlushDelivered()
        {
            if (_delivered.Count == 0)
            {
                return;
            }

            var keys = _delivered.Select(d => d.Key).ToArray();
            operations.QueueSqlCommand($"""
                UPDATE {Schema}.notifications n SET state = 'sent', attempts = d.attempts, finished_at = d.at, next_attempt_at = NULL, lease_until = NULL,
                    version = d.version
                FROM unnest(?::text[], ?::int[], ?::timestamptz[], ?::bigint[]) AS d(key, attempts, at, version)
                WHERE n.key = ANY(?) AND n.key = d.key
                """,
                keys, _delivered.Select(d => d.Outcome.Attempts).ToArray(), _delivered.Select(d => d.Outcome.At).ToArray(),
                _delivered.Select(d => d.Version).ToArray(), keys);
            _delivered.Clear();
        }
    }
}
