using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Platform.Notifications.Delivery;
using Platform.Notifications.Tests.Welcome;
using Platform.Testing;
using Xunit;

namespace Platform.Notifications.Tests.Delivery;

/// <summary>
/// The delivery backlog gauges from the durable queue: a mail held by a lane (sending), waiting for its next attempt
/// (retrying), never tried (queued), and how old and how overdue the backlog is once the lanes stop.
/// </summary>
public sealed class Measuring_the_backlog : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private readonly ManualClock _clock = new(Start);
    private readonly ServiceHost<Program> _host = new();

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        // No auth on the bus: every attempt waits LinkTimeout for a login link, holding the mail's lease, then defers it.
        _host.With("Notifications:Delivery:LinkTimeout", "00:00:03").With("Notifications:Metrics:Interval", "00:00:00.200")
            .WithServices(s => s.AddSingleton<TimeProvider>(_clock));
        await _host.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Reports_sending_retrying_and_queued_mail_and_the_age_of_what_the_stopped_lanes_leave_behind()
    {
        var meters = _host.Services.GetRequiredService<IMeterFactory>();
        using var backlog = new MetricCollector<long>(meters, "Platform.Notifications", DeliveryBacklogMetrics.BacklogName);
        using var oldest = new MetricCollector<double>(meters, "Platform.Notifications", DeliveryBacklogMetrics.OldestAgeName);
        using var overdue = new MetricCollector<double>(meters, "Platform.Notifications", DeliveryBacklogMetrics.OverdueName);
        var bus = _host.Services.GetRequiredService<IBus>();
        var domain = Welcoming_users.Domain();

        await bus.Publish(Welcoming_users.FirstSpam(domain, "first"));
        Assert.Equal((0, 0, 1), await BacklogAsync(backlog, b => b.Sending == 1));
        Assert.Equal((0, 1, 0), await BacklogAsync(backlog, b => b.Retrying == 1));

        await _host.Services.GetRequiredService<DeliveryWorker>().StopAsync(CancellationToken.None);
        await bus.Publish(Welcoming_users.FirstSpam(domain, "second"));
        Assert.Equal((1, 1, 0), await BacklogAsync(backlog, b => b.Queued == 1));
        Assert.Equal(0, Read(oldest));
        Assert.Equal(0, Read(overdue));

        // Ten minutes on, the lanes still stopped: the second mail has been due since it was queued.
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(600, await Eventually.Get(() => Task.FromResult(Read(oldest)), age => age >= 600), 3);
        Assert.Equal(600, Read(overdue), 3);
    }

    private static async Task<(long Queued, long Retrying, long Sending)> BacklogAsync(
        MetricCollector<long> backlog, Func<(long Queued, long Retrying, long Sending), bool> done) =>
        await Eventually.Get(() =>
        {
            backlog.Clear();
            backlog.RecordObservableInstruments();
            var states = backlog.GetMeasurementSnapshot().ToDictionary(m => $"{m.Tags[DeliveryBacklogMetrics.StateTag]}", m => m.Value);
            return Task.FromResult((states.GetValueOrDefault("queued", -1), states.GetValueOrDefault("retrying", -1), states.GetValueOrDefault("sending", -1)));
        }, done, TimeSpan.FromSeconds(20));

    private static double Read(MetricCollector<double> gauge)
    {
        gauge.Clear();
        gauge.RecordObservableInstruments();
        return gauge.LastMeasurement?.Value ?? -1;
    }
}
