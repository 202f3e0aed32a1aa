using MassTransit;
using Platform.Security;

namespace Platform.Auth.Accounts;

/// <summary>Registry messages are recorded on the account keyed as auth keys it: the normalized address.</summary>
internal static class RegistryMessages
{
    public static Task LearnAsync(
        AccountService accounts, ConsumeContext context, string domain, string email, AccountEvent learned, string consumer, string? endSessions = null) =>
        EmailAddresses.FromEvent(domain, email) is { } user
            ? accounts.LearnAsync(user.Domain, user.Email, learned, context, consumer, endSessions)
            : Task.CompletedTask;
}
