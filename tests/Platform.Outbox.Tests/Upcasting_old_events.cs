using Xunit;

namespace Platform.Outbox.Tests;

public sealed record FeeChargedV1(long Cents);

public sealed record FeeCharged(decimal Amount, string Currency);

public sealed class Upcasting_old_events
{
    [Fact]
    public async Task Reads_an_event_stored_in_an_older_shape_as_the_current_type()
    {
        await using var before = await TestStore.CreateAsync(o => o.Events.MapEventType<FeeChargedV1>("fee-charged"));
        await using (var session = before.Store.LightweightSession())
        {
            session.Events.Append("account/fees", new FeeChargedV1(1250));
            await session.SaveChangesAsync();
        }

        // The new shape gets a name of its own; events stored under the old name are turned into it on read.
        await using var after = await before.ReplicaAsync(o =>
        {
            o.Events.MapEventType<FeeCharged>("fee-charged-v2");
            o.Events.Upcast<FeeChargedV1, FeeCharged>("fee-charged", v1 => new FeeCharged(v1.Cents / 100m, "EUR"));
        });

        await using var query = after.Store.QuerySession();
        var stored = Assert.Single(await query.Events.FetchStreamAsync("account/fees"));
        Assert.Equal(new FeeCharged(12.50m, "EUR"), stored.Data);
    }
}
