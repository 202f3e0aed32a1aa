using Marten;
using Npgsql;
using Platform.Outbox.Store;
using Platform.Testing;
using Xunit;

namespace Platform.Outbox.Tests;

public sealed class Starting_the_store
{
    [Fact]
    public async Task Applies_the_schema_once_when_several_replicas_start_at_the_same_moment()
    {
        var schema = "t_" + Guid.NewGuid().ToString("N")[..12];
        await using var dataSource = NpgsqlDataSource.Create(Infrastructure.Get("ConnectionStrings:Postgres"));
        try
        {
            var replicas = Enumerable.Range(0, 6).Select(_ =>
            {
                var options = PlatformStoreOptions.Create(schema);
                options.Connection(dataSource);
                TestEvents.Register(options);
                return new DocumentStore(options);
            }).ToList();

            // Each waits for the schema's advisory lock around Marten's migration: the replicas neither race nor fail.
            await Task.WhenAll(replicas.Select(r => PlatformSchema.ApplyAsync(r, dataSource)));
            foreach (var replica in replicas)
            {
                await using var session = replica.LightweightSession();
                session.Events.Append("account/started", new Deposited(1));
                await session.SaveChangesAsync();
                await replica.DisposeAsync();
            }

            await using var tables = dataSource.CreateCommand(
                "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = $1 AND table_name IN ('mt_events', 'mt_streams', 'outbox', 'inbox', 'outbox_dead_letters')");
            tables.Parameters.Add(new NpgsqlParameter { Value = schema });
            Assert.Equal("inbox,mt_events,mt_streams,outbox,outbox_dead_letters", await tables.ExecuteScalarAsync());
            await using var events = dataSource.CreateCommand($"SELECT count(*) FROM {schema}.mt_events");
            Assert.Equal(6L, await events.ExecuteScalarAsync());
        }
        finally
        {
            await using var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task Finds_nothing_to_change_in_a_schema_it_applied_before()
    {
        await using var test = await TestStore.CreateAsync();
        await using var replica = await test.ReplicaAsync();

        var changes = await replica.Store.Storage.Database.CreateMigrationAsync();

        Assert.Equal(Weasel.Core.SchemaPatchDifference.None, changes.Difference);
    }

    [Theory]
    [InlineData("Robert'); DROP TABLE students;--")]
    [InlineData("UPPER")]
    [InlineData("")]
    public void Refuses_a_schema_name_that_is_not_a_plain_identifier(string schema) =>
        Assert.Throws<ArgumentException>(() => PlatformStoreOptions.Create(schema));
}
