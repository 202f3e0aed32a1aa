using MassTransit;
using Platform.Contracts;
using Platform.Security;

namespace Platform.Notifications.Welcome;

/// <summary>
/// A user's first quarantined message: their welcome, with a login link. Delivered twice or to two replicas at once,
/// it still queues one welcome (the welcome's stream can be started once; the loser's retry finds it queued).
/// </summary>
public sealed class FirstSpamDetectedConsumer(Welcomes welcomes) : IConsumer<FirstSpamDetected>
{
    public Task Consume(ConsumeContext<FirstSpamDetected> context) =>
        EmailAddresses.FromEvent(context.Message.Domain, context.Message.Email) is var (domain, email)
            ? welcomes.QueueAsync(context, nameof(FirstSpamDetectedConsumer), domain, email, fromDirectory: false)
            : throw new ArgumentException($"FirstSpamDetected {context.Message.EventId} does not name an address of its domain.");
}
