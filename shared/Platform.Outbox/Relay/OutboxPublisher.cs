using System.Diagnostics;
using MassTransit;
using Platform.Outbox.Tracing;

namespace Platform.Outbox.Relay;

/// <summary>
/// Publishes a batch in outbox order with up to a window of publishes awaiting their confirms at once.
/// </summary>
/// <remarks>
/// <para>
/// The window (see <see cref="OutboxRelayOptions.MaxPublishesInFlight"/>) was kept under RabbitMQ.Client 7.1's
/// 128-frame write queue, whose shutdown deadlocked when a connection dropped with it full; 7.2.2 recovers from that
/// (docs/eventstore.md). A bus can still stay stuck after a broker restart with publishes in flight; the relay then
/// logs that it is stalled, and the outbox-relay liveness check asks for a restart.
/// </para>
/// <para>
/// Order on the wire is the order in which publishes take their place on the bus's channel (RabbitMQ.Client hands
/// out confirm sequence numbers under a FIFO lock). MassTransit gets a publish there within the <c>Publish</c> call
/// only when everything on its way is ready: the connection, the channel, the message type's send transport and
/// exchange. Otherwise the publish waits for that setup, and concurrent waiters resume in no particular order;
/// MassTransit also retries failed publishes on its own, each on its own timer. So:
/// <list type="bullet">
/// <item>The first message of each type, after start and after any failure, is published alone: nothing is issued
/// behind it until it is confirmed, which sets up its type's exchange on the channel.</item>
/// <item>A message whose send callback did not run within its own <c>Publish</c> call (the channel was being
/// recreated) is waited for in the same way before anything else is issued.</item>
/// <item>MassTransit's own retry of a message with others issued behind it is refused in the send callback, before
/// it reaches the broker; the batch fails and the relay publishes again from its first unconfirmed message.</item>
/// </list>
/// What remains: a message nacked alone by the broker (RabbitMQ does so only on an internal queue error) is
/// overtaken by the ones behind it; so is a message whose exchange MassTransit declares again after another
/// publisher of its type on this bus failed.
/// </para>
/// </remarks>
internal sealed class OutboxPublisher(IBus bus)
{
    public static readonly ActivitySource Source = new(OutboxMetrics.MeterName);

    private readonly HashSet<Type> _warm = [];
    private Attempt? _issuing;

    public async Task<PublishResult> PublishAsync(
        IReadOnlyList<OutboxMessage> messages, int window, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var publishing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        publishing.CancelAfter(timeout);
        var tasks = new List<Task>(messages.Count);
        foreach (var message in messages)
        {
            if (tasks.Count >= window)
            {
                var oldest = tasks[^window];
                await oldest.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (!oldest.IsCompletedSuccessfully)
                {
                    break;
                }

                // The timeout is for a broker that stops confirming, not for a long batch that keeps going.
                publishing.CancelAfter(timeout);
            }

            var attempt = new Attempt(this, message.Row, alone: !_warm.Contains(message.Type));
            var task = Issue(message, attempt, publishing.Token);
            tasks.Add(task);
            if (!attempt.ReachedTransportInCall)
            {
                // It waits for MassTransit to set something up: nothing may be issued behind it until it is done.
                attempt.GoAlone();
            }

            if (attempt.Alone)
            {
                await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (!task.IsCompletedSuccessfully)
                {
                    break;
                }

                _warm.Add(message.Type);
            }
        }

        await Task.WhenAll(tasks).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();

        var confirmed = 0;
        while (confirmed < tasks.Count && tasks[confirmed].IsCompletedSuccessfully)
        {
            confirmed++;
        }

        if (confirmed == messages.Count)
        {
            return new PublishResult(confirmed, [], null);
        }

        // A later message may be confirmed too, but marking it before the failed one is re-published would reorder them.
        _warm.Clear();
        var unconfirmed = tasks.Select((task, i) => (task, i)).Skip(confirmed).Where(t => !t.task.IsCompletedSuccessfully)
            .Select(t => messages[t.i].Row).ToList();
        var failed = tasks[confirmed];
        var failure = failed.IsCanceled
            ? new TimeoutException($"The broker did not confirm the outbox messages within {timeout}.")
            : failed.Exception!.GetBaseException();
        return new PublishResult(confirmed, unconfirmed, failure);
    }

    private Task Issue(OutboxMessage message, Attempt attempt, CancellationToken cancellationToken)
    {
        var ambient = Activity.Current;
        // A message without a trace context starts a trace of its own rather than joining whoever runs the relay.
        Activity.Current = null;
        var activity = StartActivity(message.Row);
        attempt.Thread = Environment.CurrentManagedThreadId;
        _issuing = attempt;
        Task task;
        try
        {
            task = bus.Publish(message.Message, message.Type, attempt.Configure, cancellationToken);
        }
        catch (Exception ex)
        {
            task = Task.FromException(ex);
        }
        finally
        {
            _issuing = null;
            Activity.Current = ambient;
        }

        if (activity is not null)
        {
            task.ContinueWith(StopActivity, activity, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return task;
    }

    private static Activity? StartActivity(OutboxRow row)
    {
        var activity = StoredTrace.Continue(Source, "outbox publish", row.TraceParent, row.TraceState);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.message.id", row.MessageId.ToString());
            activity.SetTag("platform.outbox.seq", row.Seq);
        }

        return activity;
    }

    private static void StopActivity(Task task, object? state)
    {
        var activity = (Activity)state!;
        if (!task.IsCompletedSuccessfully)
        {
            activity.SetStatus(ActivityStatusCode.Error, task.IsCanceled ? "canceled" : task.Exception?.GetBaseException().Message);
        }

        activity.Stop();
    }

    private sealed class Attempt(OutboxPublisher publisher, OutboxRow row, bool alone)
    {
        private volatile bool _alone = alone;
        private int _sends;

        public int Thread { get; set; }

        public bool Alone => _alone;

        /// <summary>MassTransit ran the send callback within the <c>Publish</c> call: its place on the channel is taken in order.</summary>
        public bool ReachedTransportInCall { get; private set; }

        public void GoAlone() => _alone = true;

        public void Configure(PublishContext context)
        {
            var first = Interlocked.Increment(ref _sends) == 1;
            if (!first && !_alone)
            {
                // MassTransit retries on its own, on its own timer, while later messages have gone ahead.
                throw new OutboxOrderException(row.MessageId);
            }

            ReachedTransportInCall = first && ReferenceEquals(publisher._issuing, this) && Environment.CurrentManagedThreadId == Thread;
            context.MessageId = row.MessageId;
            if (row.CorrelationId is { } correlationId)
            {
                context.CorrelationId = correlationId;
            }
        }
    }
}

/// <summary>
/// How far a batch got: its first <paramref name="Confirmed"/> messages are confirmed by the broker; the
/// <paramref name="Unconfirmed"/> ones were tried and are not.
/// </summary>
internal sealed record PublishResult(int Confirmed, IReadOnlyList<OutboxRow> Unconfirmed, Exception? Failure);

/// <summary>A retry by MassTransit that could overtake later messages; it is refused before it reaches the broker.</summary>
internal sealed class OutboxOrderException(Guid messageId)
    : Exception($"Outbox message {messageId} was not published again by MassTransit's own retry, which could reorder it; the relay retries it in order.");
