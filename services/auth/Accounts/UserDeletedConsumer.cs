using MassTransit;
using Platform.Contracts;

namespace Platform.Auth.Accounts;

/// <summary>
/// The user was deleted from the registry: unknown again (a later login registers them anew); the sessions and login
/// links they hold end now.
/// </summary>
public sealed class UserDeletedConsumer(AccountService accounts) : IConsumer<UserDeleted>
{
    public Task Consume(ConsumeContext<UserDeleted> context) =>
        RegistryMessages.LearnAsync(accounts, context, context.Message.Domain, context.Message.Email,
            new RegistryUserForgotten(context.Message.OccurredAt), nameof(UserDeletedConsumer), endSessions: SessionEndings.Deleted);
}
