using MassTransit;
using Platform.Contracts;

namespace Platform.DirectorySync.Registry;

/// <summary>
/// With their first login an email user is added to the list (source <c>login</c>); every login records its time.
/// Admins' local-account logins are not email users and are ignored.
/// </summary>
public sealed class LoginSucceededConsumer(RegistryService registry) : IConsumer<LoginSucceeded>
{
    public Task Consume(ConsumeContext<LoginSucceeded> context)
    {
        var login = context.Message;
        if (login.Method == LoginMethods.LocalAccount)
        {
            return Task.CompletedTask;
        }

        return registry.RecordLoginAsync(login.Domain.Trim().ToLowerInvariant(), login.Email.Trim().ToLowerInvariant(), login.Method,
            login.OccurredAt, context, nameof(LoginSucceededConsumer), context.CancellationToken);
    }
}
