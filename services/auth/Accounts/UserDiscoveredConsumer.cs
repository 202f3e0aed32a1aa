using MassTransit;
using Platform.Contracts;

namespace Platform.Auth.Accounts;

/// <summary>The registry knows this user: their first login here will not be reported as a discovery.</summary>
public sealed class UserDiscoveredConsumer(AccountService accounts) : IConsumer<UserDiscovered>
{
    public Task Consume(ConsumeContext<UserDiscovered> context) =>
        RegistryMessages.LearnAsync(accounts, context, context.Message.Domain, context.Message.Email, new RegistryUserKnown(context.Message.OccurredAt),
            nameof(UserDiscoveredConsumer));
}
