using System.Diagnostics;
using Platform.Outbox.Store;
using Xunit;

namespace Platform.Outbox.Tests.Tracing;

public sealed class Storing_the_writers_trace_with_its_events
{
    [Fact]
    public async Task Puts_the_traceparent_and_tracestate_of_the_saving_flow_in_each_new_events_headers()
    {
        await using var test = await TestStore.CreateAsync();
        using var activity = new Activity("write").SetIdFormat(ActivityIdFormat.W3C).Start();
        activity.TraceStateString = "vendor=1";
        await using (var session = test.Store.LightweightSession())
        {
            session.Events.StartStream("account/traced", new AccountOpened("owner"), new Deposited(1));
            session.Events.StartStream("account/also-traced", new AccountOpened("other"));
            await session.SaveChangesAsync();
        }

        activity.Stop();
        await using (var untraced = test.Store.LightweightSession())
        {
            untraced.Events.StartStream("account/untraced", new AccountOpened("nobody"));
            await untraced.SaveChangesAsync();
        }

        Assert.Equal(
            [$"account/also-traced {activity.Id} vendor=1", $"account/traced {activity.Id} vendor=1", $"account/traced {activity.Id} vendor=1", "account/untraced  "],
            await test.RowsAsync(
                $"SELECT stream_id || ' ' || coalesce(headers->>'{TraceHeaders.TraceParent}', '') || ' ' || coalesce(headers->>'{TraceHeaders.TraceState}', '') FROM {{schema}}.mt_events ORDER BY stream_id, version"));
    }
}
