extern alias auth;
extern alias directorysync;

using System.Diagnostics;
using System.Net;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Testing;
using Xunit;

namespace Platform.Messaging.Tests;

public sealed class Events_between_services
{
    [Fact]
    public async Task Reach_a_consumer_in_another_service_within_the_producers_trace()
    {
        using var activities = new MassTransitActivities();
        await using var vhost = await RabbitMqVirtualHost.CreateAsync();
        await using var auth = await ServiceHost<auth::Program>.StartOnAsync(vhost);
        await using var directorySync = await ServiceHost<directorysync::Program>.StartOnAsync(vhost);

        var received = new TaskCompletionSource<(LoginSucceeded Message, ActivityTraceId TraceId, ActivitySpanId ParentSpanId)>(
            TaskCreationOptions.RunContinuationsAsynchronously);
        var endpoint = directorySync.Services.GetRequiredService<IBus>().ConnectReceiveEndpoint(
            "directory-sync-test-" + Guid.NewGuid().ToString("N")[..8],
            e => e.Handler<LoginSucceeded>(context =>
            {
                var consumerSpan = Activity.Current!;
                received.TrySetResult((context.Message, consumerSpan.TraceId, consumerSpan.ParentSpanId));
                return Task.CompletedTask;
            }));
        await endpoint.Ready;

        var sent = new LoginSucceeded
        {
            EventId = Guid.NewGuid(),
            OccurredAt = DateTimeOffset.UtcNow,
            Domain = "example.com",
            Email = "alice@example.com",
            Method = LoginMethods.Password,
            ClientAddress = "127.0.0.1",
        };
        await auth.Services.GetRequiredService<IBus>().Publish(sent, c => c.MessageId = sent.EventId);

        var (message, consumerTraceId, _) = await received.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var producerSpan = await Eventually.Get(
            () => Task.FromResult(activities.Stopped.FirstOrDefault(a =>
                a.Kind == ActivityKind.Producer && Equals(a.GetTagItem("messaging.masstransit.message_id"), sent.EventId.ToString()))),
            a => a is not null);

        Assert.Equal(sent, message);
        Assert.True(producerSpan is not null, "No producer span; seen: " + string.Join("; ", activities.Stopped.Select(
            a => a.Kind + " " + a.DisplayName + " " + string.Join(",", a.TagObjects.Select(t => t.Key + "=" + t.Value)))));
        Assert.Equal(producerSpan.TraceId, consumerTraceId);
        await endpoint.StopAsync();
    }

    [Fact]
    public async Task Are_published_on_an_exchange_named_after_the_contract()
    {
        await using var auth = await ServiceHost<auth::Program>.CreateAsync();
        await auth.WaitUntilReadyAsync();

        await auth.Services.GetRequiredService<IBus>().Publish(new LoginFailed
        {
            EventId = Guid.NewGuid(),
            OccurredAt = DateTimeOffset.UtcNow,
            Domain = "example.com",
            Email = "mallory@example.com",
            Reason = "invalid_credentials",
            Method = LoginMethods.Password,
        });

        using var management = RabbitMqVirtualHost.ManagementClient();
        var exchange = await management.GetAsync(
            $"api/exchanges/{auth.VirtualHost}/{Uri.EscapeDataString("Platform.Contracts:LoginFailed")}");
        Assert.Equal(HttpStatusCode.OK, exchange.StatusCode);
    }
}
