using Xunit;

namespace Platform.EventStore.Tests;

/// <summary>One unit of work over many streams (an import): written as one insert per kind of append, same guarantees.</summary>
public sealed class Appending_to_many_streams
{
    [Fact]
    public async Task Starts_hundreds_of_streams_in_one_unit_of_work_each_at_version_one()
    {
        await using var test = await TestStore.CreateAsync();
        var session = test.Store.LightweightSession();
        for (var i = 0; i < 300; i++)
        {
            session.Events.StartStream($"account/bulk-{i}", new AccountOpened($"owner {i}"), new Deposited(i));
        }

        await session.SaveChangesAsync();

        Assert.Equal(600, session.Recorded.Count);
        Assert.Equal(session.Recorded.OrderBy(e => e.Position).Select(e => e.Id), session.Recorded.Select(e => e.Id));
        var account = await test.Store.AggregateStreamAsync<Account>("account/bulk-7");
        Assert.Equal(new Account("owner 7", 7), account.State);
        Assert.Equal(2, account.Version);
    }

    [Fact]
    public async Task Refuses_the_whole_unit_of_work_when_one_of_many_new_streams_already_exists()
    {
        await using var test = await TestStore.CreateAsync();
        var first = test.Store.LightweightSession();
        first.Events.StartStream("account/taken", new AccountOpened("early"));
        await first.SaveChangesAsync();

        var session = test.Store.LightweightSession();
        session.Events.StartStream("account/new-1", new AccountOpened("a"));
        session.Events.StartStream("account/taken", new AccountOpened("late"));
        session.Events.StartStream("account/new-2", new AccountOpened("b"));
        var error = await Assert.ThrowsAsync<ConcurrencyException>(() => session.SaveChangesAsync());

        Assert.Contains("account/taken", error.Message, StringComparison.Ordinal);
        Assert.Empty(await test.Store.FetchStreamAsync("account/new-1"));
        Assert.Empty(await test.Store.FetchStreamAsync("account/new-2"));
    }

    [Fact]
    public async Task Appends_at_any_version_to_many_streams_after_their_current_end_even_twice_to_one_stream()
    {
        await using var test = await TestStore.CreateAsync();
        var setup = test.Store.LightweightSession();
        setup.Events.StartStream("account/x", new AccountOpened("x"), new Deposited(1));
        setup.Events.StartStream("account/y", new AccountOpened("y"));
        await setup.SaveChangesAsync();

        var session = test.Store.LightweightSession();
        session.Events.Append("account/x", new Deposited(10));
        session.Events.Append("account/y", new Deposited(20));
        session.Events.Append("account/x", new Withdrawn(5), new Deposited(3));
        session.Events.Append("account/z", new AccountOpened("z"));
        await session.SaveChangesAsync();

        Assert.Equal([1L, 2L, 3L, 4L, 5L], (await test.Store.FetchStreamAsync("account/x")).Select(e => e.Version));
        Assert.Equal(new Account("x", 9), (await test.Store.AggregateStreamAsync<Account>("account/x")).State);
        Assert.Equal([1L, 2L], (await test.Store.FetchStreamAsync("account/y")).Select(e => e.Version));
        Assert.Equal([1L], (await test.Store.FetchStreamAsync("account/z")).Select(e => e.Version));
    }
}
