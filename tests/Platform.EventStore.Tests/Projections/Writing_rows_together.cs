using Platform.EventStore.Projections;
using Xunit;

namespace Platform.EventStore.Tests.Projections;

/// <summary>
/// Consecutive rows of one shape are one statement (each statement below draws one number from a sequence, so rows
/// written together share it); everything runs in the order it was added.
/// </summary>
public sealed class Writing_rows_together
{
    [Fact]
    public async Task Writes_consecutive_rows_of_a_shape_as_one_statement_in_the_order_they_came()
    {
        await using var test = await TestStore.CreateAsync();
        await test.ExecuteAsync("CREATE SEQUENCE {schema}.statements; CREATE TABLE {schema}.rows (n int PRIMARY KEY, statement bigint, seen int)");
        var insert = new RowShape(test.Sql("""
            WITH s AS (SELECT nextval('{schema}.statements') AS statement)
            INSERT INTO {schema}.rows (n, statement, seen) SELECT r.n, s.statement, (SELECT count(*) FROM {schema}.rows) FROM unnest($1::int[]) AS r(n), s
            """), [typeof(int)]);
        var other = new RowShape(test.Sql("""
            WITH s AS (SELECT nextval('{schema}.statements') AS statement)
            INSERT INTO {schema}.rows (n, statement, seen) SELECT r.n, s.statement, (SELECT count(*) FROM {schema}.rows) FROM unnest($1::int[]) AS r(n), s
            """), [typeof(int)]);
        var writes = new ProjectionWrites();

        writes.AddRow(insert, 1);
        writes.AddRow(insert, 2);
        writes.AddRow(insert, 3);
        writes.Add(BatchCommands.Of(test.Sql("INSERT INTO {schema}.rows (n, statement, seen) SELECT 10, nextval('{schema}.statements'), count(*) FROM {schema}.rows")));
        writes.AddRow(insert, 4);
        writes.AddRow(other, 5);
        writes.AddRow(insert, 6);
        await using (var connection = await test.DataSource.OpenConnectionAsync())
        {
            await writes.FlushAsync(connection, CancellationToken.None);
        }

        Assert.Equal(
            ["1:1:0", "2:1:0", "3:1:0", "10:2:3", "4:3:4", "5:4:5", "6:5:6"],
            await test.RowsAsync("SELECT n || ':' || statement || ':' || seen FROM {schema}.rows ORDER BY statement, n"));
    }

    [Fact]
    public async Task Starts_another_statement_for_a_key_the_rows_before_it_already_have()
    {
        await using var test = await TestStore.CreateAsync();
        await test.ExecuteAsync("CREATE TABLE {schema}.counters (name text PRIMARY KEY, value int); INSERT INTO {schema}.counters VALUES ('a', 0), ('b', 0)");
        var add = new RowShape(test.Sql("""
            UPDATE {schema}.counters c SET value = c.value + r.amount FROM unnest($1::text[], $2::int[]) AS r(name, amount) WHERE c.name = r.name
            """), [typeof(string), typeof(int)], key: 0);
        var writes = new ProjectionWrites();

        // In one statement an update by key would apply only one of the two rows for 'a'.
        writes.AddRow(add, "a", 1);
        writes.AddRow(add, "b", 10);
        writes.AddRow(add, "a", 100);
        await using (var connection = await test.DataSource.OpenConnectionAsync())
        {
            await writes.FlushAsync(connection, CancellationToken.None);
        }

        Assert.Equal(["a=101", "b=10"], await test.RowsAsync("SELECT name || '=' || value FROM {schema}.counters ORDER BY name"));
    }

    [Fact]
    public void Refuses_a_row_of_another_width_than_its_shape()
    {
        var writes = new ProjectionWrites();

        Assert.Throws<ArgumentException>(() => writes.AddRow(new RowShape("SELECT 1", [typeof(int), typeof(string)]), 1));
    }
}
