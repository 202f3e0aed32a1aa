using JasperFx.Events.Projections;
using Npgsql;
using Platform.Outbox.Store;
using Xunit;

namespace Platform.Outbox.Tests;

public sealed class Notifying_with_a_commit
{
    [Fact]
    public async Task Delivers_each_payload_once_at_commit_and_leaves_the_other_operations_their_own_results()
    {
        await using var test = await TestStore.CreateAsync(o => o.Projections.Add(new AccountSnapshots(), ProjectionLifecycle.Inline));
        await using var listener = await test.DataSource.OpenConnectionAsync();
        var received = new List<string>();
        listener.Notification += (_, e) => received.Add(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {test.Schema}_changes", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        await using (var open = test.Store.LightweightSession())
        {
            open.Events.StartStream("account/existing", new AccountOpened("owner"));
            await open.SaveChangesAsync();
        }

        await using (var session = test.Store.LightweightSession())
        {
            // The notification first, then operations whose results Marten reads (a new stream, a snapshot revision).
            session.Notify($"{test.Schema}_changes", ["example.com", "example.org", "example.com"]);
            session.Events.StartStream("account/new", new AccountOpened("new"));
            session.Events.Write("account/existing", 1, [new Deposited(3)]);
            Assert.Empty(received);
            await session.SaveChangesAsync();
        }

        await using (var wait = new NpgsqlCommand("SELECT 1", listener))
        {
            await wait.ExecuteScalarAsync();
        }

        Assert.Equal(["example.com", "example.org"], received);
        await using var query = test.Store.QuerySession();
        Assert.Equal(3, (await query.LoadAsync<AccountSnapshot>("account/existing"))!.Account.Balance);
    }
}
