extern alias directorysync;
extern alias reporting;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Testing;
using Xunit;

namespace Platform.Messaging.Tests;

/// <summary>
/// The first slice of the platform's main flow across two services, each with its own event store and outbox:
/// the filter's raw JSON SpamQuarantined → reporting (FirstSpamDetected, once) → directory-sync (UserDiscovered, once).
/// </summary>
public sealed class First_spam_to_a_known_user
{
    [Fact]
    public async Task Discovers_the_recipient_once_despite_a_redelivery_and_a_second_message_racing_it()
    {
        using var activities = new MassTransitActivities();
        await using var vhost = await RabbitMqVirtualHost.CreateAsync();
        await using var reportingHost = await ServiceHost<reporting::Program>.StartOnAsync(vhost);
        await using var directorySync = await ServiceHost<directorysync::Program>.StartOnAsync(vhost);

        var firstSpam = new ConcurrentBag<(FirstSpamDetected Message, ActivityTraceId TraceId)>();
        var discovered = new ConcurrentBag<(UserDiscovered Message, ActivityTraceId TraceId)>();
        var observer = directorySync.Services.GetRequiredService<IBus>().ConnectReceiveEndpoint("observer-" + Guid.NewGuid().ToString("N")[..8], e =>
        {
            e.Handler<FirstSpamDetected>(c => Collect(firstSpam, c.Message));
            e.Handler<UserDiscovered>(c => Collect(discovered, c.Message));
        });
        await observer.Ready;

        var first = Guid.NewGuid();
        await Task.WhenAll(
            RawRabbitMq.PublishAsync(vhost.Name, nameof(SpamQuarantined), first, Spam("q-1")),
            RawRabbitMq.PublishAsync(vhost.Name, nameof(SpamQuarantined), first, Spam("q-1")),
            RawRabbitMq.PublishAsync(vhost.Name, nameof(SpamQuarantined), Guid.NewGuid(), Spam("q-2")));

        await Eventually.Get(() => Task.FromResult(discovered.Count), c => c >= 1, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2)); // room for a duplicate to show up
        await observer.StopAsync();

        var detected = Assert.Single(firstSpam);
        var user = Assert.Single(discovered);
        Assert.Equal(("example.com", "new.user@example.com"), (detected.Message.Domain, detected.Message.Email));
        Assert.Contains(detected.Message.QuarantineId, new[] { "q-1", "q-2" });
        Assert.Equal(("example.com", "new.user@example.com", UserSources.FirstSpam), (user.Message.Domain, user.Message.Email, user.Message.Source));
        // One trace from reporting's consumer, through both outboxes, to the last consumer.
        Assert.Equal(detected.TraceId, user.TraceId);
    }

    private static Task Collect<T>(ConcurrentBag<(T, ActivityTraceId)> into, T message)
    {
        into.Add((message, Activity.Current!.TraceId));
        return Task.CompletedTask;
    }

    private static JsonObject Spam(string quarantineId) => new()
    {
        ["eventId"] = Guid.NewGuid().ToString(),
        ["occurredAt"] = "2026-11-22T08:00:00Z",
        ["domain"] = "example.com",
        ["email"] = "New.User@example.com",
        ["quarantineId"] = quarantineId,
        ["sender"] = "offers@spam.test",
        ["subject"] = "You won",
        ["score"] = 11.2,
        ["receivedAt"] = "2026-11-22T07:59:58Z",
    };
}
