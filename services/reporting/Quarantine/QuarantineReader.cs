using Marten;
using Npgsql;
using Platform.Contracts;
using Platform.Outbox.Batching;
using Platform.Reporting.Enrollment;

namespace Platform.Reporting.Quarantine;

/// <summary>Reads the quarantine read model.</summary>
public sealed class QuarantineReader
{
    /// <summary>At most this many messages' states are read together.</summary>
    private const int MaxBatch = 128;

    private readonly NpgsqlDataSource _data;
    private readonly IDocumentStore _store;
    private readonly Batcher<(string, string, string), (QuarantineState, EnrollmentFacts)> _states;

    public QuarantineReader(NpgsqlDataSource data, IDocumentStore store)
    {
        _data = data;
        _store = store;
        _states = new(StatesAsync, MaxBatch);
    }

    private string Schema => _store.Options.DatabaseSchemaName;

    /// <summary>
    /// What recording a message for the recipient needs: the recipient's quarantine state, and what enrolling them
    /// would need should this be their first spam. Messages recorded at the same time are read together, each row by
    /// its keys (lateral lookups: never a hash over a whole table, whatever the planner believes of its size).
    /// </summary>
    public Task<(QuarantineState State, EnrollmentFacts Enrollment)> StateAsync(
        string domain, string email, string quarantineId, CancellationToken cancellationToken) =>
        _states.RunAsync((domain, email, quarantineId), cancellationToken);

    private async Task<IReadOnlyList<(QuarantineState, EnrollmentFacts)>> StatesAsync(IReadOnlyList<(string Domain, string Email, string QuarantineId)> keys)
    {
        await using var command = _data.CreateCommand($"""
            SELECT r.known IS NOT NULL, q.known IS NOT NULL, {EnrollmentFacts.Columns}
            FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS k(domain, email, quarantine_id, ord)
            LEFT JOIN LATERAL (SELECT true AS known FROM {Schema}.quarantine_recipients
                               WHERE domain = k.domain AND email = k.email LIMIT 1) r ON true
            LEFT JOIN LATERAL (SELECT true AS known FROM {Schema}.quarantine_entries
                               WHERE domain = k.domain AND email = k.email AND quarantine_id = k.quarantine_id LIMIT 1) q ON true
            {EnrollmentFacts.Joins(Schema, "k.domain", "k.email")}
            ORDER BY k.ord
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Domain).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Email).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.QuarantineId).ToArray() });
        var states = new List<(QuarantineState, EnrollmentFacts)>(keys.Count);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var (domain, email, _) = keys[states.Count];
            states.Add((new QuarantineState(reader.GetBoolean(0), reader.GetBoolean(1)), EnrollmentFacts.Read(reader, 2, domain, email)));
        }

        return states;
    }

    /// <summary>How many messages were recorded for the user in [start, end), and the newest <paramref name="max"/> of them.</summary>
    public async Task<(int Total, IReadOnlyList<QuarantinedMessageSummary> Newest)> PeriodAsync(
        string domain, string email, DateTimeOffset start, DateTimeOffset end, int max, CancellationToken cancellationToken)
    {
        await using var batch = _data.CreateBatch();
        batch.BatchCommands.Add(Statement(
            $"SELECT count(*)::int FROM {Schema}.quarantine_entries WHERE domain = $1 AND email = $2 AND recorded_at >= $3 AND recorded_at < $4",
            domain, email, start, end));
        batch.BatchCommands.Add(Statement($"""
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

    private static NpgsqlBatchCommand Statement(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
