using MassTransit;
using Platform.Contracts;
using Platform.Security;

namespace Platform.DirectorySync.Registry;

/// <summary>A recipient's first quarantined spam makes them a known email user (source <c>firstSpam</c>).</summary>
public sealed partial class FirstSpamDetectedConsumer(UserDiscovery discovery, ILogger<FirstSpamDetectedConsumer> logger) : IConsumer<FirstSpamDetected>
{
    public Task Consume(ConsumeContext<FirstSpamDetected> context)
    {
        if (EmailAddresses.FromEvent(context.Message.Domain, context.Message.Email) is not { } reported)
        {
            LogNotAnAddress(context.MessageId);
            return Task.CompletedTask;
        }

        return discovery.DiscoverAsync(reported.Domain, reported.Email, UserSources.FirstSpam, context, nameof(FirstSpamDetectedConsumer), context.CancellationToken);
    }

    [LoggerMessage(LogLevel.Warning, "FirstSpamDetected {MessageId} does not name an address in its domain; no user is registered")]
    private partial void LogNotAnAddress(Guid? messageId);
}
