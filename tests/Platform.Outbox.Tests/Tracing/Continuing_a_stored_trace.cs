using System.Diagnostics;
using Platform.Outbox.Tracing;
using Xunit;

namespace Platform.Outbox.Tests.Tracing;

public sealed class Continuing_a_stored_trace
{
    private const string Stored = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    [Fact]
    public void Starts_a_child_of_the_stored_context_that_a_listener_records()
    {
        using var source = new ActivitySource("Platform.Tests." + Guid.NewGuid());
        using var listener = Listen(source);

        using var activity = StoredTrace.Continue(source, "deliver", Stored, "vendor=1");

        Assert.NotNull(activity);
        Assert.True(activity.Recorded);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", activity.TraceId.ToHexString());
        Assert.Equal("b7ad6b7169203331", activity.ParentSpanId.ToHexString());
        Assert.Equal("vendor=1", activity.TraceStateString);
        Assert.Same(activity, Activity.Current);
    }

    [Fact]
    public void Still_carries_the_stored_context_when_nobody_records_the_source()
    {
        using var source = new ActivitySource("Platform.Tests." + Guid.NewGuid());

        using var activity = StoredTrace.Continue(source, "deliver", Stored);

        Assert.NotNull(activity);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", activity.TraceId.ToHexString());
        Assert.Same(activity, Activity.Current);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not a traceparent")]
    public void Starts_a_trace_of_its_own_without_a_readable_stored_context(string? traceParent)
    {
        using var source = new ActivitySource("Platform.Tests." + Guid.NewGuid());
        using var listener = Listen(source);
        Activity.Current = null;

        using var activity = StoredTrace.Continue(source, "deliver", traceParent);

        Assert.NotNull(activity);
        Assert.Equal(default, activity.ParentSpanId);
        Assert.NotEqual("0af7651916cd43dd8448eb211c80319c", activity.TraceId.ToHexString());
        Assert.Null(StoredTrace.Continue(new ActivitySource("Platform.Tests.unheard"), "deliver", traceParent));
    }

    [Fact]
    public void Reads_the_trace_id_of_a_traceparent()
    {
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", StoredTrace.TraceIdOf(Stored));
        Assert.Null(StoredTrace.TraceIdOf("00-xyz"));
        Assert.Null(StoredTrace.TraceIdOf(null));
    }

    private static ActivityListener Listen(ActivitySource source)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = s => s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
