using System.Text.Json.Nodes;
using Xunit;

namespace Platform.EventStore.Tests;

internal sealed record FeeChargedV1(long Cents);

internal sealed record FeeCharged(decimal Amount, string Currency);

public sealed class Upcasting_old_events
{
    [Fact]
    public async Task Reads_an_event_stored_at_an_older_schema_version_as_the_current_type()
    {
        await using var before = await TestStore.CreateAsync(o => o.Events.Register<FeeChargedV1>("fee-charged", version: 1));
        var session = before.Store.LightweightSession();
        session.Events.Append("account/fees", new FeeChargedV1(1250));
        await session.SaveChangesAsync();

        await using var after = await before.ReplicaAsync(o => o.Events
            .Register<FeeCharged>("fee-charged", version: 2)
            .Upcast("fee-charged", fromVersion: 1, v1 => new JsonObject
            {
                ["amount"] = v1["cents"]!.GetValue<long>() / 100m,
                ["currency"] = "EUR",
            }));

        var stored = Assert.Single(await after.Store.FetchStreamAsync("account/fees"));
        Assert.Equal(new FeeCharged(12.50m, "EUR"), stored.Data);
    }
}
