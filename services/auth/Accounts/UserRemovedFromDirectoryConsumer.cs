using MassTransit;
using Platform.Contracts;

namespace Platform.Auth.Accounts;

/// <summary>
/// A sync found the user gone from the directory: the sessions and login links they hold end now, and a later login
/// link is refused as an unknown user's password would be (<c>invalid_credentials</c>).
/// </summary>
public sealed class UserRemovedFromDirectoryConsumer(AccountService accounts) : IConsumer<UserRemovedFromDirectory>
{
    public Task Consume(ConsumeContext<UserRemovedFromDirectory> context) =>
        RegistryMessages.LearnAsync(accounts, context, context.Message.Domain, context.Message.Email,
            new DirectoryStateLearned(DirectoryStates.Removed, context.Message.OccurredAt), nameof(UserRemovedFromDirectoryConsumer),
            endSessions: SessionEndings.RemovedFromDirectory);
}
