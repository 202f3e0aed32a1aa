using JasperFx.Events.Projections;
using Platform.Contracts;
using Platform.Outbox.Store;
using Xunit;

namespace Platform.Outbox.Tests.Outbox;

public sealed class Writing_the_outbox_with_marten
{
    [Fact]
    public async Task Commits_messages_and_an_inbox_mark_with_new_streams_appends_and_inline_snapshots_in_one_transaction()
    {
        await using var test = await TestStore.CreateAsync(o => o.Projections.Add(new AccountSnapshots(), ProjectionLifecycle.Inline));
        await using (var open = test.Store.LightweightSession())
        {
            open.Events.StartStream("account/existing", new AccountOpened("owner"));
            await open.SaveChangesAsync();
        }

        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        await using (var session = test.Store.LightweightSession())
        {
            session.MarkProcessed("deposits", Guid.NewGuid());
            session.Publish(Discovered("a@example.com"), first, "account/new");
            session.Events.StartStream("account/new", new AccountOpened("new"), new Deposited(5));
            session.Publish(Discovered("b@example.com"), second, "account/existing");
            session.Events.Write("account/existing", 1, [new Deposited(7)]);
            await session.SaveChangesAsync();
        }

        Assert.Equal([first.ToString(), second.ToString()], await test.RowsAsync("SELECT message_id::text FROM {schema}.outbox ORDER BY seq"));
        Assert.Equal(1, await test.ScalarAsync("SELECT count(*) FROM {schema}.inbox"));
        await using var query = test.Store.QuerySession();
        Assert.Equal(5, (await query.LoadAsync<AccountSnapshot>("account/new"))!.Account.Balance);
        Assert.Equal(7, (await query.LoadAsync<AccountSnapshot>("account/existing"))!.Account.Balance);
    }

    [Fact]
    public async Task Writes_nothing_of_a_session_whose_message_was_handled_before()
    {
        await using var test = await TestStore.CreateAsync();
        var handled = Guid.NewGuid();
        await using (var session = test.Store.LightweightSession())
        {
            session.MarkProcessed("deposits", handled);
            session.Events.StartStream("account/once", new Deposited(1));
            Assert.True(await session.SaveChangesOnceAsync(CancellationToken.None));
        }

        await using (var again = test.Store.LightweightSession())
        {
            again.MarkProcessed("deposits", handled);
            again.Events.Append("account/once", new Deposited(1));
            again.Publish(Discovered("c@example.com"), Guid.NewGuid());
            Assert.False(await again.SaveChangesOnceAsync(CancellationToken.None));
        }

        // Only the stream's own events count: after a failed commit Marten writes, in the background, a tombstone event
        // on its own stream (mt_tombstone) for each sequence number the failed append used up.
        Assert.Equal(1, await test.ScalarAsync("SELECT count(*) FROM {schema}.mt_events WHERE stream_id = 'account/once'"));
        Assert.Equal(0, await test.ScalarAsync("SELECT count(*) FROM {schema}.outbox"));
    }

    private static UserDiscovered Discovered(string email) => new()
    {
        EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, Domain = "example.com", Email = email, Source = "api",
    };
}
