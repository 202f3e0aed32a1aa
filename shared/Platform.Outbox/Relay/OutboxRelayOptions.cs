namespace Platform.Outbox.Relay;

public sealed class OutboxRelayOptions
{
    /// <summary>
    /// How long an idle relay waits for a NOTIFY before it looks at the outbox anyway, and how often a standby
    /// replica tries to take over.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the relay waits after a NOTIFY before it reads the outbox, so that commits close together are
    /// published as one batch (zero: at once).
    /// </summary>
    public TimeSpan GatherDelay { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Rows per transaction: locked together, published with their confirms in flight together, marked by one UPDATE.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>
    /// Publishes awaiting their broker confirm at once. (RabbitMQ.Client 7.1 deadlocked a connection that dropped with
    /// more than its 128-frame write queue in flight; 7.2.2 no longer does: docs/eventstore.md.)
    /// </summary>
    public int MaxPublishesInFlight { get; set; } = 100;

    /// <summary>How long the broker may go without confirming a publish before the batch is rolled back and retried.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first wait after a failure; it doubles with each further failure up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan MinRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long relaying may keep failing before it counts as stalled: the relay then logs an error (again every
    /// interval), and once the broker has failed every publish for this long while it accepts connections, the
    /// <c>outbox-relay</c> liveness check reports the replica unhealthy so that it is restarted.
    /// </summary>
    public TimeSpan StalledAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Published rows older than this are deleted by the active relay about once an hour; null keeps them.</summary>
    public TimeSpan? PublishedRetention { get; set; } = TimeSpan.FromDays(7);
}
