using MassTransit;
using Platform.Contracts;
using Platform.Security;

namespace Platform.DirectorySync.Registry;

/// <summary>
/// With their first login an email user is added to the list (source <c>login</c>); every login records its time.
/// Admins' local-account logins are not email users and are ignored.
/// </summary>
public sealed partial class LoginSucceededConsumer(RegistryService registry, ILogger<LoginSucceededConsumer> logger) : IConsumer<LoginSucceeded>
{
    public Task Consume(ConsumeContext<LoginSucceeded> context)
    {
        var login = context.Message;
        if (login.Method == LoginMethods.LocalAccount)
        {
            return Task.CompletedTask;
        }

        if (EmailAddresses.FromEvent(login.Domain, login.Email) is not { } reported)
        {
            LogNotAnAddress(context.MessageId);
            return Task.CompletedTask;
        }

        return registry.RecordLoginAsync(reported.Domain, reported.Email, login.Method, login.OccurredAt, context, nameof(LoginSucceededConsumer), context.CancellationToken);
    }

    [LoggerMessage(LogLevel.Warning, "LoginSucceeded {MessageId} does not name an address in its domain; no login is recorded")]
    private partial void LogNotAnAddress(Guid? messageId);
}
