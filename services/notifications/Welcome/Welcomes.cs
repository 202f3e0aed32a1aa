using Marten;
using MassTransit;
using Npgsql;
using Platform.Contracts;
using Platform.Outbox.Batching;
using Platform.Outbox.Store;
using Platform.Notifications.Delivery;
using Platform.Notifications.Settings;

namespace Platform.Notifications.Welcome;

/// <summary>Queues a user's welcome — once per user, ever — unless their domain turned welcomes off.</summary>
public sealed class Welcomes
{
    /// <summary>At most this many welcomes' facts are read together.</summary>
    private const int MaxBatch = 128;

    private readonly NpgsqlDataSource _data;
    private readonly IDocumentStore _store;
    private readonly GroupCommits _commits;
    private readonly NotificationQueue _queue;
    private readonly NotificationSettingsStore _settings;
    private readonly DeliverySignal _signal;
    private readonly Batcher<(string Domain, string Key), (NotificationSettings, bool)> _reads;

    public Welcomes(
        NpgsqlDataSource data, IDocumentStore store, GroupCommits commits, NotificationQueue queue, NotificationSettingsStore settings, DeliverySignal signal)
    {
        (_data, _store, _commits, _queue, _settings, _signal) = (data, store, commits, queue, settings, signal);
        _reads = new(ReadAsync, MaxBatch);
    }

    /// <param name="fromDirectory">The user was found by the directory sync (welcomed only where the domain asks for it).</param>
    public async Task QueueAsync(ConsumeContext context, string consumer, string domain, string email, bool fromDirectory)
    {
        var key = NotificationQueue.WelcomeKey(domain, email);
        var (domainSettings, queued) = await _reads.RunAsync((domain, key), context.CancellationToken);
        if (!domainSettings.WelcomeEnabled || (fromDirectory && !domainSettings.WelcomeDirectoryUsers) || queued)
        {
            return;
        }

        // Committed with the welcomes queued at the same time (GroupCommits): the first-spam flow's hot path.
        var mail = _queue.Mail(key, NotificationKinds.Welcome, domain, email, domainSettings);
        if (await _commits.SaveOnceAsync(
                session => NotificationQueue.Queue(session.CausedBy(context, consumer, "system:welcome"), mail), context.CancellationToken))
        {
            _signal.Notify();
        }
    }

    /// <summary>
    /// Each domain's settings and whether the welcome is queued already, in one round trip for the welcomes queued at
    /// the same time; each row looked up by its keys (lateral lookups: never a hash over a whole table).
    /// </summary>
    private async Task<IReadOnlyList<(NotificationSettings, bool)>> ReadAsync(IReadOnlyList<(string Domain, string Key)> welcomes)
    {
        var schema = _store.Options.DatabaseSchemaName;
        await using var command = _data.CreateCommand($"""
            SELECT {NotificationSettingsStore.Columns}, n.queued IS NOT NULL
            FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS w(domain, key, ord)
            LEFT JOIN LATERAL (SELECT * FROM {schema}.domain_notifications WHERE domain = w.domain LIMIT 1) d ON true
            LEFT JOIN LATERAL (SELECT true AS queued FROM {schema}.notifications WHERE key = w.key LIMIT 1) n ON true
            ORDER BY w.ord
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = welcomes.Select(w => w.Domain).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = welcomes.Select(w => w.Key).ToArray() });
        var read = new List<(NotificationSettings, bool)>(welcomes.Count);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            read.Add((_settings.Read(reader, 0), reader.GetBoolean(NotificationSettingsStore.ColumnCount)));
        }

        return read;
    }
}
