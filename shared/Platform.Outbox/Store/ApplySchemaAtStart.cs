using Marten;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Platform.Outbox.Store;

/// <summary>Applies the schema before any other hosted service starts (Development, or when configured).</summary>
internal sealed class ApplySchemaAtStart(IDocumentStore store, NpgsqlDataSource dataSource) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => PlatformSchema.ApplyAsync(store, dataSource, cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
