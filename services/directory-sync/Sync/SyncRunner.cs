using Marten;
using System.Threading.Channels;
using Npgsql;
using Platform.Contracts;
using Platform.Directory;
using Platform.Directory.Failures;
using Platform.Directory.Search;
using Platform.DirectorySync.Settings;
using Platform.Outbox.Store;

namespace Platform.DirectorySync.Sync;

/// <summary>
/// Runs one sync of one domain: reads the directory (everything, or what changed since the last run), diffs it
/// against the managed list, records the changes, and ends the run with <see cref="DirectorySyncCompleted"/> or
/// <see cref="DirectorySyncFailed"/>. A failed run changes nothing and removes nobody. The caller holds the domain's lock.
/// The directory is planned page by page as it is read (<see cref="SyncPlanBuilder"/>): a run holds the managed list
/// and what changes, not the directory, and refuses one of more than <see cref="SyncLimits.MaxDirectoryEntries"/> entries.
/// </summary>
public sealed partial class SyncRunner(
    IDocumentStore store,
    NpgsqlDataSource data,
    DirectorySettingsService settings,
    DirectoryClientFactory clients,
    SyncWriter writer,
    SyncLimits limits,
    TimeProvider clock,
    SyncMetrics metrics,
    ILogger<SyncRunner> logger)
{
    /// <summary>Entries read before the managed list has loaded that may wait for it (a few pages).</summary>
    private const int MaxWaiting = 10_000;

    public static string StreamId(string domain, Guid runId) => $"sync-run/{domain}/{runId}";

    public async Task RunAsync(string domain, Guid runId, string trigger, string? requestedMode, CancellationToken cancellationToken)
    {
        var startedAt = clock.GetUtcNow();
        var (directory, _) = await settings.ReadAsync(domain, cancellationToken);
        var marks = await SyncMarks.ReadAsync(data, store.Options.DatabaseSchemaName, domain, cancellationToken);
        var mode = SyncModeDecision.Decide(trigger, requestedMode, marks.LastMark, marks.LastFullSyncAt, startedAt);
        await AppendAsync(domain, runId, cancellationToken, new SyncRunStarted(domain, runId, mode, startedAt));
        if (directory.Settings is not { } saved)
        {
            await FailAsync(domain, runId, trigger, mode, startedAt, "directory_not_configured", "The domain has no directory settings.", cancellationToken);
            return;
        }

        try
        {
            var clientSettings = settings.ClientSettings(domain, directory);
            var client = clients.Create(clientSettings);
            // Read before searching: a change made during the search is seen again by the next run, never missed.
            var mark = await client.ReadChangeMarkAsync(cancellationToken);
            if (mode == SyncModes.Full && !await HasUsersAsync(domain, cancellationToken))
            {
                var import = await ImportAsync(client, domain, runId, cancellationToken);
                if (import.Users == 0)
                {
                    await FailAsync(domain, runId, trigger, mode, startedAt, DirectoryFailureCodes.NoUsersFound,
                        "The directory returned no user with an address under the base DN and filter; nothing was changed.", cancellationToken,
                        DirectoryFailure.NoUsersFound(clientSettings));
                    return;
                }

                await CompleteAsync(domain, runId, trigger, mode, startedAt, import, mark.Serialize(), cancellationToken);
                LogCompleted(domain, runId, mode, import.Users, import.Added, 0, 0, 0);
                return;
            }

            // The managed list loads from PostgreSQL while the directory is read.
            var loading = KnownUsers.ReadAsync(data, store.Options.DatabaseSchemaName, domain, cancellationToken);
            SyncPlanBuilder read;
            bool full;
            try
            {
                (read, full) = await ReadAsync(client, mode, marks.LastMark, loading, cancellationToken);
            }
            finally
            {
                await ((Task)loading).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            var known = await loading;
            mode = full ? SyncModes.Full : SyncModes.Changes;
            if (full && read.Users == 0)
            {
                await FailAsync(domain, runId, trigger, mode, startedAt, DirectoryFailureCodes.NoUsersFound,
                    "The directory returned no user with an address under the base DN and filter; nothing was changed or removed.", cancellationToken,
                    DirectoryFailure.NoUsersFound(clientSettings));
                return;
            }

            var plan = read.Build(full, saved.DeletionThresholdPercent / 100.0);
            await writer.WriteAsync(domain, runId, plan, cancellationToken);
            await CompleteAsync(domain, runId, trigger, mode, startedAt, SyncSummary.Of(plan), mark.Serialize(), cancellationToken);
            LogCompleted(domain, runId, mode, plan.Users, plan.Added.Count, plan.Updated.Count, plan.Removed.Count, plan.HeldRemovals.Count);
        }
        catch (DirectoryFailureException ex)
        {
            await FailAsync(domain, runId, trigger, mode, startedAt, ex.Failure.Code, $"{ex.Failure.Message} {ex.Failure.Hint}".Trim(), cancellationToken,
                ex.Failure);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCrashed(ex, domain, runId);
            await FailAsync(domain, runId, trigger, mode, startedAt, "sync_error",
                "The sync stopped on an internal error and changed nothing further; the service's logs have the details.", cancellationToken);
        }
    }

    /// <summary>Ends a run that a stopped replica left running: the next run starts over.</summary>
    public Task AbandonAsync(string domain, Guid runId, string trigger, string mode, DateTimeOffset startedAt, CancellationToken cancellationToken) =>
        FailAsync(domain, runId, trigger, mode, startedAt, "interrupted",
            "The service stopped during this run; what it recorded stays, and the next run starts over.", cancellationToken);

    /// <summary>
    /// The first sync of a domain: every user is an addition, so users are written a chunk at a time, on two
    /// connections, while the directory's later pages are still being read; none is kept once written.
    /// </summary>
    private async Task<SyncSummary> ImportAsync(DirectoryClient client, string domain, Guid runId, CancellationToken cancellationToken)
    {
        const int chunkSize = 1000;
        var screen = new ImportScreen();
        var added = 0;
        var chunks = Channel.CreateBounded<List<DirectoryUser>>(2);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            try
            {
                await foreach (var chunk in chunks.Reader.ReadAllAsync(stop.Token))
                {
                    await writer.AddAsync(domain, runId, chunk, stop.Token);
                }
            }
            catch
            {
                // Otherwise the reader would wait forever for room in the channel.
                await stop.CancelAsync();
                throw;
            }
        }, stop.Token)).ToList();
        try
        {
            var chunk = new List<DirectoryUser>(chunkSize);
            await foreach (var entry in limits.Bound(client.GetUsersAsync(stop.Token), stop.Token))
            {
                if (screen.Accept(entry) is { } user)
                {
                    added++;
                    chunk.Add(user);
                    if (chunk.Count == chunkSize)
                    {
                        await chunks.Writer.WriteAsync(chunk, stop.Token);
                        chunk = new List<DirectoryUser>(chunkSize);
                    }
                }
            }

            if (chunk.Count > 0)
            {
                await chunks.Writer.WriteAsync(chunk, stop.Token);
            }

            chunks.Writer.Complete();
            await Task.WhenAll(writers);
        }
        catch (Exception ex)
        {
            // A failed read or write stops the other side; the chunks already committed stay, as in any run.
            await stop.CancelAsync();
            chunks.Writer.TryComplete();
            await Task.WhenAll(writers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested
                && writers.FirstOrDefault(w => w.IsFaulted)?.Exception?.GetBaseException() is { } writeFailure)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(writeFailure);
            }

            throw;
        }

        return new SyncSummary(screen.Users, added, 0, 0, 0, 0, [], null, screen.Problems);
    }

    private async Task<bool> HasUsersAsync(string domain, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand($"SELECT EXISTS (SELECT 1 FROM {store.Options.DatabaseSchemaName}.directory_users WHERE domain = $1)");
        command.Parameters.Add(new NpgsqlParameter { Value = domain });
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    private async Task<(SyncPlanBuilder Read, bool Full)> ReadAsync(
        DirectoryClient client, string mode, string? lastMark, Task<KnownUsers> loading, CancellationToken cancellationToken)
    {
        if (mode == SyncModes.Changes && lastMark is not null)
        {
            try
            {
                return (await PlanAsync(client.GetUsersChangedSinceAsync(ChangeMark.Parse(lastMark), cancellationToken), loading, cancellationToken), false);
            }
            catch (FullSyncRequiredException)
            {
                // e.g. another domain controller answered: its USNs say nothing about the last mark.
            }
        }

        return (await PlanAsync(client.GetUsersAsync(cancellationToken), loading, cancellationToken), true);
    }

    /// <summary>
    /// Feeds the entries to a plan as they arrive. Those read before the managed list has loaded wait for it, but at
    /// most <see cref="MaxWaiting"/> of them: then the read waits instead.
    /// </summary>
    private async Task<SyncPlanBuilder> PlanAsync(IAsyncEnumerable<DirectoryEntry> entries, Task<KnownUsers> loading, CancellationToken cancellationToken)
    {
        var waiting = new List<DirectoryEntry>();
        SyncPlanBuilder? plan = null;
        await foreach (var entry in limits.Bound(entries, cancellationToken))
        {
            if (plan is null)
            {
                if (!loading.IsCompleted && waiting.Count < MaxWaiting)
                {
                    waiting.Add(entry);
                    continue;
                }

                plan = await StartAsync(loading, waiting);
            }

            plan.Add(entry);
        }

        return plan ?? await StartAsync(loading, waiting);
    }

    private static async Task<SyncPlanBuilder> StartAsync(Task<KnownUsers> loading, List<DirectoryEntry> waiting)
    {
        var plan = new SyncPlanBuilder((await loading).Active);
        waiting.ForEach(plan.Add);
        waiting.Clear();
        return plan;
    }

    private async Task CompleteAsync(
        string domain, Guid runId, string trigger, string mode, DateTimeOffset startedAt, SyncSummary plan, string mark, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        var problems = plan.Problems.Select(p => new SyncProblem(p.Dn, p.Code, p.Message)).ToList();
        var events = new List<SyncRunEvent>();
        if (plan.HeldRemovals.Count > 0)
        {
            events.Add(new RemovalsHeld(domain, runId, plan.HoldReason!, [.. plan.HeldRemovals.Select(u => new HeldRemoval(u.DirectoryId, u.Email))], at));
        }

        events.Add(new SyncRunCompleted(domain, runId, plan.Users, plan.Added, plan.Updated, plan.Disabled, plan.Enabled,
            plan.Removed, plan.HeldRemovals.Count, problems, mark, at));
        var completed = new DirectorySyncCompleted
        {
            EventId = Guid.NewGuid(), OccurredAt = at, Domain = domain, SyncRunId = runId, Trigger = trigger, Mode = mode, StartedAt = startedAt,
            Users = plan.Users, Added = plan.Added, Updated = plan.Updated, Disabled = plan.Disabled,
            Enabled = plan.Enabled, Removed = plan.Removed, RemovalsHeld = plan.HeldRemovals.Count, Problems = problems.Count,
        };
        await AppendAsync(domain, runId, cancellationToken, [.. events], (completed, completed.EventId));
        metrics.Completed(trigger, mode, at - startedAt, plan);
    }

    /// <summary>Fails the run; a directory's <paramref name="failure"/> gives the run its reason and values, for clients' own words.</summary>
    private async Task FailAsync(
        string domain, Guid runId, string trigger, string mode, DateTimeOffset startedAt, string code, string message, CancellationToken cancellationToken,
        DirectoryFailure? failure = null)
    {
        var at = clock.GetUtcNow();
        LogFailed(domain, runId, code);
        var failed = new DirectorySyncFailed
        {
            EventId = Guid.NewGuid(), OccurredAt = at, Domain = domain, SyncRunId = runId, Trigger = trigger, Mode = mode, StartedAt = startedAt,
            ErrorCode = code, Message = message,
        };
        await AppendAsync(domain, runId, cancellationToken, [new SyncRunFailed(domain, runId, code, message, at, failure?.Reason, failure?.Values)], (failed, failed.EventId));
        metrics.Failed(trigger, mode, code, at - startedAt);
    }

    private Task AppendAsync(string domain, Guid runId, CancellationToken cancellationToken, params SyncRunEvent[] events) =>
        AppendAsync(domain, runId, cancellationToken, events, null);

    private async Task AppendAsync(string domain, Guid runId, CancellationToken cancellationToken, SyncRunEvent[] events, (object Body, Guid Id)? message)
    {
        await using var session = store.LightweightSession();
        session.LastModifiedBy = "system:directory-sync";
        session.CorrelationId = runId.ToString();
        var streamId = StreamId(domain, runId);
        session.Events.Append(streamId, [.. events]);
        if (message is var (body, id))
        {
            session.Publish(body, id, streamId);
        }

        await session.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(LogLevel.Information, "Synced {Domain} (run {RunId}, {Mode}): {Users} users, {Added} added, {Updated} updated, {Removed} removed, {Held} removals held")]
    private partial void LogCompleted(string domain, Guid runId, string mode, int users, int added, int updated, int removed, int held);

    [LoggerMessage(LogLevel.Error, "Sync of {Domain} (run {RunId}) stopped on an internal error")]
    private partial void LogCrashed(Exception exception, string domain, Guid runId);

    [LoggerMessage(LogLevel.Warning, "Sync of {Domain} (run {RunId}) failed: {ErrorCode}")]
    private partial void LogFailed(string domain, Guid runId, string errorCode);
}
