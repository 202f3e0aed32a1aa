using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;
using Weasel.Core;
using Xunit;

namespace Platform.DirectorySync.Tests;

/// <summary>The read models' tables as Marten creates them are what they declare: a later start has nothing to change.</summary>
public sealed class Applying_the_schema : IAsyncLifetime
{
    private readonly ServiceHost<Program> _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Leaves_nothing_to_migrate_once_applied()
    {
        await _host.WaitUntilReadyAsync();
        var store = _host.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        var migration = await store.Storage.Database.CreateMigrationAsync();

        Assert.Equal(SchemaPatchDifference.None, migration.Difference);
    }
}
