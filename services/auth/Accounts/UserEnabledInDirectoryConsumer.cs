using MassTransit;
using Platform.Contracts;

namespace Platform.Auth.Accounts;

/// <summary>A sync found the user's entry enabled again: login links let them in again.</summary>
public sealed class UserEnabledInDirectoryConsumer(AccountService accounts) : IConsumer<UserEnabledInDirectory>
{
    public Task Consume(ConsumeContext<UserEnabledInDirectory> context) =>
        RegistryMessages.LearnAsync(accounts, context, context.Message.Domain, context.Message.Email,
            new DirectoryStateLearned(DirectoryStates.Enabled, context.Message.OccurredAt), nameof(UserEnabledInDirectoryConsumer));
}
