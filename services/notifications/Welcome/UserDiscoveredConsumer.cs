using MassTransit;
using Platform.Contracts;
using Platform.Security;

namespace Platform.Notifications.Welcome;

/// <summary>
/// A user the directory sync found: welcomed at once when their domain creates quarantine logins automatically,
/// instead of at their first spam. Other sources are welcomed by their first spam.
/// </summary>
public sealed class UserDiscoveredConsumer(Welcomes welcomes) : IConsumer<UserDiscovered>
{
    public Task Consume(ConsumeContext<UserDiscovered> context) =>
        context.Message.Source == UserSources.Directory && EmailAddresses.FromEvent(context.Message.Domain, context.Message.Email) is var (domain, email)
            ? welcomes.QueueAsync(context, nameof(UserDiscoveredConsumer), domain, email, fromDirectory: true)
            : Task.CompletedTask;
}
