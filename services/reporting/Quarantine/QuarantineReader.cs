using Npgsql;
using Platform.EventStore.Projections;
using Platform.Contracts;
using Platform.Reporting.Enrollment;

namespace Platform.Reporting.Quarantine;

/// <summary>Reads the quarantine read model.</summary>
public sealed class QuarantineReader(NpgsqlDataSource data, EventStore.EventStore store)
{
    private string Schema => store.Options.Schema;

    /// <summary>
    /// What recording a message for the recipient needs, in one round trip: the recipient's quarantine state, and what
    /// enrolling them would need should this be their first spam.
    /// </summary>
    public async Task<(QuarantineState State, EnrollmentFacts Enrollment)> StateAsync(
        string domain, string email, string quarantineId, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand($"""
            SELECT EXISTS (SELECT 1 FROM {Schema}.quarantine_recipients WHERE domain = $1 AND email = $2),
                   EXISTS (SELECT 1 FROM {Schema}.quarantine_entries WHERE domain = $1 AND email = $2 AND quarantine_id = $3),
                   {EnrollmentFacts.Columns}
            FROM (SELECT 1) AS one {EnrollmentFacts.Joins(Schema)}
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = domain });
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        command.Parameters.Add(new NpgsqlParameter { Value = quarantineId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (new QuarantineState(reader.GetBoolean(0), reader.GetBoolean(1)), EnrollmentFacts.Read(reader, 2, domain, email));
    }

    /// <summary>How many messages were recorded for the user in [start, end), and the newest <paramref name="max"/> of them.</summary>
    public async Task<(int Total, IReadOnlyList<QuarantinedMessageSummary> Newest)> PeriodAsync(
        string domain, string email, DateTimeOffset start, DateTimeOffset end, int max, CancellationToken cancellationToken)
    {
        await using var batch = data.CreateBatch();
        batch.BatchCommands.Add(BatchCommands.Of(
            $"SELECT count(*)::int FROM {Schema}.quarantine_entries WHERE domain = $1 AND email = $2 AND recorded_at >= $3 AND recorded_at < $4",
            domain, email, start, end));
        batch.BatchCommands.Add(BatchCommands.Of($"""
            SELECT quarantine_id, sender, subject, score, received_at FROM {Schema}.quarantine_entries
            WHERE domain = $1 AND email = $2 AND recorded_at >= $3 AND recorded_at < $4
            ORDER BY recorded_at DESC, quarantine_id LIMIT $5
            """, domain, email, start, end, max));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt32(0);
        await reader.NextResultAsync(cancellationToken);
        var newest = new List<QuarantinedMessageSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            newest.Add(new QuarantinedMessageSummary
            {
                QuarantineId = reader.GetString(0), Sender = reader.GetString(1), Subject = reader.GetString(2), Score = reader.GetDouble(3),
                ReceivedAt = reader.GetFieldValue<DateTimeOffset>(4),
            });
        }

        return (total, newest);
    }
}
