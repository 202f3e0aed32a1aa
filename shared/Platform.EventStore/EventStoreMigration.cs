using Microsoft.Extensions.Hosting;

namespace Platform.EventStore;

/// <summary>
/// Migrates the schema in the host's "starting" phase, before any hosted service — the bus included — starts, so no
/// consumer ever runs against missing tables.
/// </summary>
internal sealed class EventStoreMigration(EventStore store) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => store.MigrateAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
