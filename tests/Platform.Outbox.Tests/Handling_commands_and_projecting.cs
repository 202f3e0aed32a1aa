using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;
using Platform.Outbox.Store;
using Weasel.Postgresql.Tables;
using Xunit;

namespace Platform.Outbox.Tests;

public sealed class Handling_commands_and_projecting
{
    [Fact]
    public async Task A_command_reads_the_inline_snapshot_and_a_table_projection_is_written_in_the_same_commit_and_rebuilt_by_marten()
    {
        await using var store = await TestStore.CreateAsync(o =>
        {
            o.Projections.Add(new BalanceProjection(), ProjectionLifecycle.Inline);
            o.AddTableProjection(new TotalsProjection(), ProjectionLifecycle.Inline);
        });
        var seen = new List<decimal>();
        for (var i = 0; i < 3; i++)
        {
            seen.Add(await store.Store.HandleAsync<Balance, decimal>("acct/1", (stream, _) =>
            {
                stream.AppendOne(new Deposited(10));
                return stream.Aggregate?.Total ?? 0;
            }));
        }

        Assert.Equal([0m, 10m, 20m], seen);
        await using (var query = store.Store.QuerySession())
        {
            var balance = await query.LoadAsync<Balance>("acct/1");
            Assert.Equal(new Balance { Total = 30, Id = "acct/1" }, balance);
        }

        Assert.Equal(["acct/1=30"], await store.RowsAsync("SELECT stream_id || '=' || total FROM {schema}.totals"));

        await store.ExecuteAsync("UPDATE {schema}.totals SET total = 0");
        await store.ExecuteAsync("INSERT INTO {schema}.totals VALUES ('stray', 1)");
        using var daemon = await store.Store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync("totals", TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.Equal(["acct/1=30"], await store.RowsAsync("SELECT stream_id || '=' || total FROM {schema}.totals"));
    }

    [Fact]
    public async Task A_command_that_loses_a_race_reads_again_and_decides_again()
    {
        await using var store = await TestStore.CreateAsync(o => o.Projections.Add(new BalanceProjection(), ProjectionLifecycle.Inline));
        await store.Store.HandleAsync<Balance, decimal>("acct/2", (stream, _) => { stream.AppendOne(new Deposited(1)); return 0; });
        var decisions = 0;
        var total = await store.Store.HandleAsync<Balance, decimal>("acct/2", (stream, _) =>
        {
            if (++decisions == 1)
            {
                // Another writer appends between this read and this commit.
                using var other = store.Store.LightweightSession();
                other.Events.Append("acct/2", new Deposited(100));
                other.SaveChangesAsync().GetAwaiter().GetResult();
            }

            stream.AppendOne(new Withdrawn(1));
            return stream.Aggregate!.Total;
        });

        Assert.Equal(2, decisions);
        Assert.Equal(101, total);
        await using var query = store.Store.QuerySession();
        Assert.Equal(100, (await query.LoadAsync<Balance>("acct/2"))!.Total);
    }

    [Fact]
    public async Task Writing_at_the_version_read_starts_a_new_stream_and_refuses_a_stale_one()
    {
        await using var store = await TestStore.CreateAsync();
        await using (var first = store.Store.LightweightSession())
        {
            first.Events.Write("acct/3", 0, [new Deposited(1)]);
            await first.SaveChangesAsync();
        }

        await using (var second = store.Store.LightweightSession())
        {
            second.Events.Write("acct/3", 1, [new Deposited(1), new Deposited(2)]);
            await second.SaveChangesAsync();
        }

        await using var stale = store.Store.LightweightSession();
        stale.Events.Write("acct/3", 1, [new Deposited(3)]);
        var conflict = await Record.ExceptionAsync(() => stale.SaveChangesAsync());
        Assert.True(conflict is not null && StoreErrors.IsConcurrencyConflict(conflict), conflict?.ToString());

        await using var restart = store.Store.LightweightSession();
        restart.Events.Write("acct/3", 0, [new Deposited(3)]);
        conflict = await Record.ExceptionAsync(() => restart.SaveChangesAsync());
        Assert.True(conflict is not null && StoreErrors.IsConcurrencyConflict(conflict), conflict?.ToString());
        Assert.Equal(3, await store.ScalarAsync("SELECT count(*) FROM {schema}.mt_events WHERE stream_id = 'acct/3'"));

        // Several events for a new stream go through Marten's append function, which refuses a stream that exists.
        await using var restartMany = store.Store.LightweightSession();
        restartMany.Events.Write("acct/3", 0, [new Deposited(4), new Deposited(5)]);
        conflict = await Record.ExceptionAsync(() => restartMany.SaveChangesAsync());
        Assert.True(conflict is not null && StoreErrors.IsConcurrencyConflict(conflict), conflict?.ToString());

        await using var many = store.Store.LightweightSession();
        many.Events.Write("acct/4", 0, [new Deposited(4), new Deposited(5)]);
        await many.SaveChangesAsync();
        Assert.Equal(["1:4", "2:5"], await store.RowsAsync("SELECT version || ':' || (data->>'amount') FROM {schema}.mt_events WHERE stream_id = 'acct/4' ORDER BY version"));
        Assert.Equal(3, await store.ScalarAsync("SELECT count(*) FROM {schema}.mt_events WHERE stream_id = 'acct/3'"));
    }

    [Fact]
    public async Task Two_writers_starting_the_same_stream_at_once_end_with_one_stream_and_one_conflict()
    {
        await using var store = await TestStore.CreateAsync();
        // The first writer's transaction holds the new stream's row, uncommitted, while the second writes the same stream.
        await using var connection = await store.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var first = store.Store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction)))
        {
            first.Events.Write("acct/5", 0, [new Deposited(1), new Deposited(2)]);
            await first.SaveChangesAsync();
        }

        await using var second = store.Store.LightweightSession();
        second.Events.Write("acct/5", 0, [new Deposited(3), new Deposited(4)]);
        var saving = second.SaveChangesAsync();
        // The second writer waits on the first's uncommitted stream row until the first commits.
        await store.WaitUntilAsync("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%{schema}.mt_quick_append_events%'");
        await transaction.CommitAsync();

        var conflict = await Record.ExceptionAsync(() => saving);
        Assert.True(conflict is not null && StoreErrors.IsConcurrencyConflict(conflict), conflict?.ToString());
        Assert.Equal(["1:1", "2:2"], await store.RowsAsync("SELECT version || ':' || (data->>'amount') FROM {schema}.mt_events WHERE stream_id = 'acct/5' ORDER BY version"));
    }
}

/// <summary>
/// A stream's balance. No one-parameter constructor: Marten would take it for a conventional Create from an event,
/// beside the projection's Evolve.
/// </summary>
public sealed record Balance
{
    public decimal Total { get; init; }

    public string Id { get; set; } = "";
}

public sealed class BalanceProjection : SingleStreamProjection<Balance, string>
{
    public override Balance Evolve(Balance? snapshot, string id, IEvent e)
    {
        var current = snapshot ?? new Balance();
        return e.Data switch
        {
            Deposited d => current with { Total = current.Total + d.Amount },
            Withdrawn w => current with { Total = current.Total - w.Amount },
            _ => current,
        };
    }
}

/// <summary>Each stream's total in a table: reads the row before the slice, writes the new total.</summary>
public sealed class TotalsProjection : TableProjection
{
    public override string Name => "totals";

    public override IEnumerable<Table> Tables(string schema)
    {
        var table = new Table($"{schema}.totals");
        table.AddColumn<string>("stream_id").AsPrimaryKey();
        table.AddColumn("total", "numeric").NotNull();
        yield return table;
    }

    public override async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var schema = operations.DocumentStore.Options.DatabaseSchemaName;
        foreach (var stream in events.GroupBy(e => e.StreamKey!))
        {
            var current = await operations.AdvancedSql.QueryAsync<decimal>($"SELECT total FROM {schema}.totals WHERE stream_id = ?", cancellation, stream.Key);
            var total = current.FirstOrDefault() + stream.Sum(e => e.Data switch { Deposited d => d.Amount, Withdrawn w => -w.Amount, _ => 0m });
            operations.QueueSqlCommand(
                $"INSERT INTO {schema}.totals (stream_id, total) VALUES (?, ?) ON CONFLICT (stream_id) DO UPDATE SET total = EXCLUDED.total",
                stream.Key, total);
        }
    }
}
