using Marten;
using Npgsql;

namespace Platform.DirectorySync.Recipients;

/// <summary>
/// Keeps this replica's <see cref="RecipientIndex"/> current: loads every served domain at start, then listens for
/// the domains the read models' transactions notify and reloads each (coalescing a burst — an import notifies once
/// per chunk — into one reload). Anything missed while the listening connection was down is caught by a full
/// reload on reconnecting, and every <c>Recipients:FullReloadInterval</c> (5 minutes) anyway.
/// </summary>
public sealed partial class RecipientIndexRefresher(
    RecipientIndex index, RecipientIndexLoader loader, IDocumentStore store, NpgsqlDataSource data, IConfiguration configuration, ILogger<RecipientIndexRefresher> logger)
    : BackgroundService
{
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(200);
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);

    private TimeSpan FullReloadInterval => configuration.GetValue("Recipients:FullReloadInterval", TimeSpan.FromMinutes(5));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogRefreshFailed(ex);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = await data.OpenConnectionAsync(stoppingToken);
        connection.Notification += (_, e) =>
        {
            lock (_dirty)
            {
                _dirty.Add(e.Payload);
            }
        };
        try
        {
            await using (var listen = new NpgsqlCommand($"LISTEN \"{RecipientIndexLoader.Channel(store.Options.DatabaseSchemaName)}\"", connection))
            {
                await listen.ExecuteNonQueryAsync(stoppingToken);
            }

            // Listening first, then loading: a change committed in between is both loaded and notified, never lost.
            index.ReplaceAll(await loader.LoadAllAsync(stoppingToken));
            var nextFull = DateTimeOffset.UtcNow + FullReloadInterval;
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = nextFull - DateTimeOffset.UtcNow;
                if (wait > TimeSpan.Zero && await connection.WaitAsync(wait, stoppingToken))
                {
                    // More notifications of the same burst arrive meanwhile and are handled by the same reload.
                    await Task.Delay(Coalesce, stoppingToken);
                    while (await connection.WaitAsync(TimeSpan.FromMilliseconds(10), stoppingToken))
                    {
                    }
                }

                if (DateTimeOffset.UtcNow >= nextFull)
                {
                    index.ReplaceAll(await loader.LoadAllAsync(stoppingToken));
                    nextFull = DateTimeOffset.UtcNow + FullReloadInterval;
                    continue;
                }

                foreach (var domain in TakeDirty())
                {
                    index.Replace(domain, await loader.LoadAsync(domain, stoppingToken));
                }
            }
        }
        finally
        {
            // Pooled connections are not reset: this one must not go back listening.
            await StopListeningAsync(connection);
        }
    }

    private async Task StopListeningAsync(NpgsqlConnection connection)
    {
        if (connection.FullState != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await using var unlisten = new NpgsqlCommand("UNLISTEN *", connection);
            await unlisten.ExecuteNonQueryAsync(timeout.Token);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or InvalidOperationException)
        {
            data.Clear();
        }
    }

    private List<string> TakeDirty()
    {
        lock (_dirty)
        {
            var domains = _dirty.ToList();
            _dirty.Clear();
            return domains;
        }
    }

    [LoggerMessage(LogLevel.Warning, "Keeping the recipient index current failed; reconnecting and reloading it")]
    private partial void LogRefreshFailed(Exception exception);
}
