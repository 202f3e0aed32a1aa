using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit;

namespace Platform.Outbox.Tests.Outbox;

public sealed class Continuing_the_writers_trace
{
    [Fact]
    public async Task Delivers_each_message_in_the_trace_of_the_write_that_stored_it()
    {
        using var spans = new RecordedSpans("MassTransit", "Platform.Outbox");
        await using var test = await TestStore.CreateAsync();
        await using var harness = await RelayHarness.StartAsync();
        var bus = await harness.StartBusAsync();

        List<Guid> traced;
        ActivityTraceId writerTrace;
        ActivitySpanId writerSpan;
        using (var writer = new Activity("write").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            traced = await OutboxWrites.WriteAsync(test.Store, "account/traced", 0, 2);
            (writerTrace, writerSpan) = (writer.TraceId, writer.SpanId);
        }

        var untraced = await OutboxWrites.WriteAsync(test.Store, "account/untraced", 0, 1);
        var relay = await harness.StartRelayAsync(test, bus);
        var deliveries = await harness.WaitForDeliveriesAsync(3);
        // A consumer can hold a message before the broker's confirm ends the relay's publish span: the stopped relay
        // has seen every publish confirmed, so its spans and MassTransit's have all ended.
        await relay.StopAsync(CancellationToken.None);
        var relaySpans = spans.Stopped.Where(s => s.Source.Name == "Platform.Outbox" && s.TraceId == writerTrace).ToList();

        Assert.All(deliveries.Where(d => traced.Contains(d.MessageId)), d => Assert.Equal(writerTrace, d.TraceId));
        Assert.NotEqual(writerTrace, deliveries.Single(d => d.MessageId == untraced[0]).TraceId);
        Assert.NotEqual(default, deliveries.Single(d => d.MessageId == untraced[0]).TraceId);
        Assert.Equal(2, relaySpans.Count);
        Assert.All(relaySpans, s => Assert.Equal(writerSpan, s.ParentSpanId));
        Assert.Contains(spans.Stopped, s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Producer && s.TraceId == writerTrace
            && relaySpans.Any(r => r.SpanId == s.ParentSpanId));
    }

    /// <summary>Every span of the named sources that ends while this lives (other tests' spans included: filter by trace).</summary>
    private sealed class RecordedSpans : IDisposable
    {
        private readonly ActivityListener _listener;

        public RecordedSpans(params string[] sources)
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => sources.Contains(source.Name),
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = Stopped.Add,
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public ConcurrentBag<Activity> Stopped { get; } = [];

        public void Dispose() => _listener.Dispose();
    }
}
