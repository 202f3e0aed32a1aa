using Xunit;

namespace Platform.EventStore.Tests;

public sealed class Appending_to_streams
{
    [Fact]
    public async Task Folds_a_stream_into_its_state_and_version()
    {
        await using var test = await TestStore.CreateAsync();
        var session = test.Store.LightweightSession();
        session.Events.StartStream("account/1", new AccountOpened("alice"), new Deposited(100));
        await session.SaveChangesAsync();
        session.Events.Append("account/1", 2, new Withdrawn(30));
        await session.SaveChangesAsync();

        var account = await test.Store.AggregateStreamAsync<Account>("account/1");

        Assert.Equal(new Account("alice", 70), account.State);
        Assert.Equal(3, account.Version);
        Assert.Equal([1L, 2L, 3L], (await test.Store.FetchStreamAsync("account/1")).Select(e => e.Version));
    }

    [Fact]
    public async Task Lets_exactly_one_of_many_parallel_appends_at_the_same_version_win()
    {
        await using var test = await TestStore.CreateAsync();
        var start = test.Store.LightweightSession();
        start.Events.StartStream("account/2", new AccountOpened("bob"));
        await start.SaveChangesAsync();

        var attempts = Enumerable.Range(0, 16).Select(async i =>
        {
            var session = test.Store.LightweightSession();
            session.Events.Append("account/2", 1, new Deposited(i));
            try
            {
                await session.SaveChangesAsync();
                return (Won: true, Error: (ConcurrencyException?)null);
            }
            catch (ConcurrencyException e)
            {
                return (Won: false, Error: e);
            }
        });
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r.Won);
        Assert.All(results.Where(r => !r.Won), r => Assert.Equal((1L, 2L), (r.Error!.ExpectedVersion, r.Error.ActualVersion)));
        Assert.Equal(2, (await test.Store.AggregateStreamAsync<Account>("account/2")).Version);
    }

    [Fact]
    public async Task Lands_every_parallel_append_at_any_version_in_one_gapless_sequence()
    {
        await using var test = await TestStore.CreateAsync();

        await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
        {
            var session = test.Store.LightweightSession();
            session.Events.Append("account/any", new Deposited(i));
            await session.SaveChangesAsync();
        }));

        Assert.Equal(Enumerable.Range(1, 12).Select(v => (long)v), (await test.Store.FetchStreamAsync("account/any")).Select(e => e.Version));
    }

    [Theory]
    [InlineData(5, 1)]
    [InlineData(1, 0)]
    public async Task Refuses_an_append_expecting_a_version_the_stream_has_not_reached(long expected, long opened)
    {
        await using var test = await TestStore.CreateAsync();
        if (opened > 0)
        {
            var open = test.Store.LightweightSession();
            open.Events.StartStream("account/ahead", new AccountOpened("dave"));
            await open.SaveChangesAsync();
        }

        var session = test.Store.LightweightSession();
        session.Events.Append("account/ahead", expected, new Deposited(1));
        var error = await Assert.ThrowsAsync<ConcurrencyException>(() => session.SaveChangesAsync());

        Assert.Equal((expected, opened), (error.ExpectedVersion, error.ActualVersion));
        Assert.Equal(opened, (await test.Store.FetchStreamAsync("account/ahead")).Count);
    }

    [Fact]
    public async Task Starts_a_stream_only_once_when_two_writers_race_to_create_it()
    {
        await using var test = await TestStore.CreateAsync();
        var writers = Enumerable.Range(0, 8).Select(async i =>
        {
            var session = test.Store.LightweightSession();
            session.Events.StartStream("account/3", new AccountOpened($"owner-{i}"));
            try
            {
                await session.SaveChangesAsync();
                return true;
            }
            catch (ConcurrencyException e) when (e.ExpectedVersion == 0)
            {
                return false;
            }
        });

        var won = await Task.WhenAll(writers);

        Assert.Single(won, w => w);
        Assert.Single(await test.Store.FetchStreamAsync("account/3"));
    }

    [Fact]
    public async Task Commits_several_streams_and_the_outbox_atomically_or_not_at_all()
    {
        await using var test = await TestStore.CreateAsync();
        var first = test.Store.LightweightSession();
        first.Events.StartStream("account/4", new AccountOpened("carol"));
        await first.SaveChangesAsync();

        var session = test.Store.LightweightSession();
        session.Events.Append("account/5", new Deposited(5));
        session.Publish(new Platform.Contracts.UserDiscovered
        {
            EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, Domain = "example.com", Email = "carol@example.com",
            Source = "api",
        }, Guid.NewGuid());
        session.Events.StartStream("account/4", new AccountOpened("carol again"));

        await Assert.ThrowsAsync<ConcurrencyException>(() => session.SaveChangesAsync());
        Assert.Empty(await test.Store.FetchStreamAsync("account/5"));
        Assert.Equal(0, await test.ScalarAsync("SELECT count(*) FROM {schema}.outbox"));
    }

    [Fact]
    public async Task Refuses_the_same_message_twice_for_one_consumer()
    {
        await using var test = await TestStore.CreateAsync();
        var messageId = Guid.NewGuid();
        var first = test.Store.LightweightSession();
        first.MarkProcessed("deposits", messageId);
        first.Events.Append("account/6", new Deposited(10));
        await first.SaveChangesAsync();

        var redelivery = test.Store.LightweightSession();
        redelivery.MarkProcessed("deposits", messageId);
        redelivery.Events.Append("account/6", new Deposited(10));

        await Assert.ThrowsAsync<DuplicateMessageException>(() => redelivery.SaveChangesAsync());
        Assert.Equal(10, (await test.Store.AggregateStreamAsync<Account>("account/6")).State.Balance);
    }

    [Fact]
    public async Task Keeps_correlation_causation_actor_and_trace_context_with_each_event()
    {
        await using var test = await TestStore.CreateAsync();
        using var activity = new System.Diagnostics.Activity("write").SetIdFormat(System.Diagnostics.ActivityIdFormat.W3C).Start();
        var session = test.Store.LightweightSession();
        session.CorrelationId = Guid.NewGuid();
        session.CausationId = Guid.NewGuid();
        session.Actor = "admin@example.com";
        session.Events.Append("account/7", new Deposited(1));
        await session.SaveChangesAsync();

        var metadata = (await test.Store.FetchStreamAsync("account/7")).Single().Metadata;

        Assert.Equal(session.CorrelationId, metadata.CorrelationId);
        Assert.Equal(session.CausationId, metadata.CausationId);
        Assert.Equal("admin@example.com", metadata.Actor);
        Assert.Equal(activity.Id, metadata.TraceParent);
    }
}
