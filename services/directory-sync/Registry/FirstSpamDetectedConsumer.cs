using MassTransit;
using Platform.Contracts;

namespace Platform.DirectorySync.Registry;

/// <summary>A recipient's first quarantined spam makes them a known email user (source <c>firstSpam</c>).</summary>
public sealed class FirstSpamDetectedConsumer(UserDiscovery discovery) : IConsumer<FirstSpamDetected>
{
    public Task Consume(ConsumeContext<FirstSpamDetected> context) =>
        discovery.DiscoverAsync(
            context.Message.Domain,
            context.Message.Email,
            UserSources.FirstSpam,
            context,
            nameof(FirstSpamDetectedConsumer),
            context.CancellationToken);
}
