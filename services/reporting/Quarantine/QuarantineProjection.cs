using Npgsql;
using Platform.EventStore.Events;
using Platform.EventStore.Projections;

namespace Platform.Reporting.Quarantine;

/// <summary>
/// Each recipient's quarantine entries (<c>quarantine_entries</c>, purged after the retention) and every recipient
/// ever quarantined (<c>quarantine_recipients</c>, kept: the first spam is once per recipient, ever), updated in the
/// transaction that records each message.
/// </summary>
public sealed class QuarantineProjection(string schema) : IProjection
{
    // The entry of each message, and the recipient with their first; a message the filter reported twice at once may
    // be recorded twice, and its entry is kept once.
    private readonly RowShape _recorded = new($"""
        WITH spam AS (
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::timestamptz[], $8::timestamptz[], $9::bool[])
                AS s(domain, email, quarantine_id, sender, subject, score, received_at, recorded_at, first)),
        recipients AS (
            INSERT INTO {schema}.quarantine_recipients (domain, email, first_quarantine_id, first_recorded_at)
            SELECT domain, email, quarantine_id, recorded_at FROM spam WHERE first ON CONFLICT DO NOTHING)
        INSERT INTO {schema}.quarantine_entries (domain, email, quarantine_id, sender, subject, score, received_at, recorded_at)
        SELECT domain, email, quarantine_id, sender, subject, score, received_at, recorded_at FROM spam ON CONFLICT DO NOTHING
        """,
        [typeof(string), typeof(string), typeof(string), typeof(string), typeof(string), typeof(double), typeof(DateTimeOffset), typeof(DateTimeOffset), typeof(bool)]);

    public string Name => "quarantine";

    public async Task EnsureStorageAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            CREATE TABLE IF NOT EXISTS {schema}.quarantine_recipients (
                domain text COLLATE "C" NOT NULL,
                email text COLLATE "C" NOT NULL,
                first_quarantine_id text NOT NULL,
                first_recorded_at timestamptz NOT NULL,
                PRIMARY KEY (domain, email));
            CREATE TABLE IF NOT EXISTS {schema}.quarantine_entries (
                domain text COLLATE "C" NOT NULL,
                email text COLLATE "C" NOT NULL,
                quarantine_id text COLLATE "C" NOT NULL,
                sender text NOT NULL,
                subject text NOT NULL,
                score double precision NOT NULL,
                received_at timestamptz NOT NULL,
                recorded_at timestamptz NOT NULL,
                PRIMARY KEY (domain, email, quarantine_id));
            CREATE INDEX IF NOT EXISTS quarantine_entries_by_time ON {schema}.quarantine_entries (domain, email, recorded_at);
            CREATE INDEX IF NOT EXISTS quarantine_entries_by_age ON {schema}.quarantine_entries (recorded_at);
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, ProjectionWrites writes, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            if (e.Data is not SpamRecorded spam || Recipient(e.StreamId) is not { } recipient)
            {
                continue;
            }

            writes.AddRow(_recorded, recipient.Domain, recipient.Email, spam.QuarantineId, spam.Sender, spam.Subject, spam.Score, spam.ReceivedAt,
                spam.RecordedAt ?? e.RecordedAt, e.Version == 1);
        }

        return Task.CompletedTask;
    }

    public async Task ResetAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"TRUNCATE {schema}.quarantine_recipients, {schema}.quarantine_entries", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static string StreamId(string domain, string email) => $"recipient/{domain}/{email}";

    private static (string Domain, string Email)? Recipient(string streamId)
    {
        var parts = streamId.Split('/', 3);
        return parts is ["recipient", var domain, var email] ? (domain, email) : null;
    }
}
