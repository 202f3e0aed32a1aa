using JasperFx.Events;
using Marten;
using Platform.Outbox.Store;
using Weasel.Postgresql.Tables;

namespace Platform.Reporting.Quarantine;

/// <summary>
/// Each recipient's quarantine entries (<c>quarantine_entries</c>, purged after the retention) and every recipient
/// ever quarantined (<c>quarantine_recipients</c>, kept: the first spam is once per recipient, ever), updated in the
/// transaction that records each message.
/// </summary>
public sealed class QuarantineProjection : TableProjection
{
    public override string Name => "quarantine";

    public static string StreamId(string domain, string email) => $"recipient/{domain}/{email}";

    public override IEnumerable<Table> Tables(string schema)
    {
        var recipients = new Table($"{schema}.quarantine_recipients");
        recipients.AddColumn<string>("domain").AsPrimaryKey();
        recipients.AddColumn<string>("email").AsPrimaryKey();
        recipients.AddColumn<string>("first_quarantine_id").NotNull();
        recipients.AddColumn<DateTimeOffset>("first_recorded_at").NotNull();
        yield return recipients;

        var entries = new Table($"{schema}.quarantine_entries");
        entries.AddColumn<string>("domain").AsPrimaryKey();
        entries.AddColumn<string>("email").AsPrimaryKey();
        entries.AddColumn<string>("quarantine_id").AsPrimaryKey();
        entries.AddColumn<string>("sender").NotNull();
        entries.AddColumn<string>("subject").NotNull();
        entries.AddColumn<double>("score").NotNull();
        entries.AddColumn<DateTimeOffset>("received_at").NotNull();
        entries.AddColumn<DateTimeOffset>("recorded_at").NotNull();
        entries.Indexes.Add(new IndexDefinition("quarantine_entries_by_time") { Columns = ["domain", "email", "recorded_at"] });
        entries.Indexes.Add(new IndexDefinition("quarantine_entries_by_age") { Columns = ["recorded_at"] });
        yield return entries;
    }

    /// <summary>
    /// One statement for the whole slice (a group commit brings many recipients at once). A recipient's row is written
    /// by their first message: later ones find it there, or behind an earlier message of the slice. A message the
    /// filter reported twice at once may be recorded twice, and its entry is kept once.
    /// </summary>
    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var recorded = events
            .Select(e => (Spam: e.Data as SpamRecorded, Recipient: Recipient(e.StreamKey), e.Timestamp))
            .Where(r => r.Spam is not null && r.Recipient is not null)
            .ToList();
        if (recorded.Count == 0)
        {
            return Task.CompletedTask;
        }

        var schema = operations.DocumentStore.Options.DatabaseSchemaName;
        operations.QueueSqlCommand($"""
            WITH spam AS (
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::timestamptz[], ?::timestamptz[]) WITH ORDINALITY
                    AS s(domain, email, quarantine_id, sender, subject, score, received_at, recorded_at, ord)),
            recipients AS (
                INSERT INTO {schema}.quarantine_recipients (domain, email, first_quarantine_id, first_recorded_at)
                SELECT DISTINCT ON (domain, email) domain, email, quarantine_id, recorded_at FROM spam ORDER BY domain, email, ord
                ON CONFLICT DO NOTHING)
            INSERT INTO {schema}.quarantine_entries (domain, email, quarantine_id, sender, subject, score, received_at, recorded_at)
            SELECT domain, email, quarantine_id, sender, subject, score, received_at, recorded_at FROM spam ON CONFLICT DO NOTHING
            """,
            recorded.Select(r => r.Recipient!.Value.Domain).ToArray(),
            recorded.Select(r => r.Recipient!.Value.Email).ToArray(),
            recorded.Select(r => r.Spam!.QuarantineId).ToArray(),
            recorded.Select(r => r.Spam!.Sender).ToArray(),
            recorded.Select(r => r.Spam!.Subject).ToArray(),
            recorded.Select(r => r.Spam!.Score).ToArray(),
            // PostgreSQL's timestamptz takes UTC only; the filter may send its local offset.
            recorded.Select(r => r.Spam!.ReceivedAt.ToUniversalTime()).ToArray(),
            recorded.Select(r => (r.Spam!.RecordedAt ?? r.Timestamp).ToUniversalTime()).ToArray());
        return Task.CompletedTask;
    }

    private static (string Domain, string Email)? Recipient(string? streamId)
    {
        var parts = streamId?.Split('/', 3);
        return parts is ["recipient", var domain, var email] ? (domain, email) : null;
    }
}
