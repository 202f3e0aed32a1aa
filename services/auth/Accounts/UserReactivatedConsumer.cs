using MassTransit;
using Platform.Contracts;

namespace Platform.Auth.Accounts;

/// <summary>The user may log in again.</summary>
public sealed class UserReactivatedConsumer(AccountService accounts) : IConsumer<UserReactivated>
{
    public Task Consume(ConsumeContext<UserReactivated> context) =>
        RegistryMessages.LearnAsync(accounts, context, context.Message.Domain, context.Message.Email,
            new RegistryStatusLearned(AccountStatuses.Active, context.Message.OccurredAt), nameof(UserReactivatedConsumer));
}
