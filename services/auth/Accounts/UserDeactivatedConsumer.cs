using MassTransit;
using Platform.Contracts;

namespace Platform.Auth.Accounts;

/// <summary>
/// An admin keeps the user out of the panel: their logins are refused with <c>inactive</c>, and the sessions and login
/// links they hold end now.
/// </summary>
public sealed class UserDeactivatedConsumer(AccountService accounts) : IConsumer<UserDeactivated>
{
    public Task Consume(ConsumeContext<UserDeactivated> context) =>
        RegistryMessages.LearnAsync(accounts, context, context.Message.Domain, context.Message.Email,
            new RegistryStatusLearned(AccountStatuses.Inactive, context.Message.OccurredAt), nameof(UserDeactivatedConsumer), endSessions: SessionEndings.Inactive);
}
