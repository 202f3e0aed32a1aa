using MassTransit;
using Platform.Contracts;

namespace Platform.Auth.Accounts;

/// <summary>
/// A sync found the user's entry disabled: the sessions and login links they hold end now, and a later login link is
/// refused with <c>disabled_in_directory</c> (a password login asks the directory itself).
/// </summary>
public sealed class UserDisabledInDirectoryConsumer(AccountService accounts) : IConsumer<UserDisabledInDirectory>
{
    public Task Consume(ConsumeContext<UserDisabledInDirectory> context) =>
        RegistryMessages.LearnAsync(accounts, context, context.Message.Domain, context.Message.Email,
            new DirectoryStateLearned(DirectoryStates.Disabled, context.Message.OccurredAt), nameof(UserDisabledInDirectoryConsumer),
            endSessions: SessionEndings.DisabledInDirectory);
}
