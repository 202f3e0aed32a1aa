using Npgsql;
using Platform.Testing;
using Xunit;

namespace Platform.EventStore.Tests;

public sealed class Starting_the_store
{
    [Fact]
    public async Task Migrates_once_when_several_replicas_start_at_the_same_moment()
    {
        var schema = "t_" + Guid.NewGuid().ToString("N")[..12];
        await using var dataSource = NpgsqlDataSource.Create(Infrastructure.Get("ConnectionStrings:Postgres"));
        try
        {
            var replicas = Enumerable.Range(0, 6).Select(_ => new EventStore(dataSource, new EventStoreOptions { Schema = schema }));

            await Task.WhenAll(replicas.Select(r => r.MigrateAsync()));
            await new EventStore(dataSource, new EventStoreOptions { Schema = schema }).MigrateAsync();

            await using var applied = dataSource.CreateCommand($"SELECT count(*) FROM {schema}.schema_migrations");
            Assert.Equal(3L, await applied.ExecuteScalarAsync()); // each of the three migrations once
        }
        finally
        {
            await using var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Theory]
    [InlineData("Robert'); DROP TABLE students;--")]
    [InlineData("UPPER")]
    [InlineData("")]
    public void Refuses_a_schema_name_that_is_not_a_plain_identifier(string schema) =>
        Assert.Throws<ArgumentException>(() => new EventStoreOptions { Schema = schema });

    [Fact]
    public async Task Reads_all_events_after_a_position_in_order()
    {
        await using var test = await TestStore.CreateAsync();
        foreach (var stream in new[] { "account/a", "account/b", "account/a" })
        {
            var session = test.Store.LightweightSession();
            session.Events.Append(stream, new Deposited(1));
            await session.SaveChangesAsync();
        }

        var all = await test.Store.ReadAllAsync(0, 10);
        var afterFirst = await test.Store.ReadAllAsync(all[0].Position, 10);

        Assert.Equal(["account/a", "account/b", "account/a"], all.Select(e => e.StreamId));
        Assert.Equal(all.Skip(1).Select(e => e.Id), afterFirst.Select(e => e.Id));
    }
}
