using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.DirectorySync.Settings;
using Platform.DirectorySync.Sync;
using Platform.Security;

namespace Platform.DirectorySync.History;

/// <summary>
/// Sync now, the sync history, and the admin's decision on removals the deletion guard held:
/// <c>POST .../directory/sync</c>, <c>GET .../directory/syncs</c>, <c>GET .../directory/syncs/{id}</c>,
/// <c>POST .../directory/syncs/{id}/held-removals/confirm</c> and <c>.../dismiss</c>.
/// </summary>
public static class SyncEndpoints
{
    private const int MaxPage = 500;

    public static RouteGroupBuilder MapDirectorySyncs(this RouteGroupBuilder domain)
    {
        domain.MapPost("/directory/sync", SyncNowAsync).RequireRateLimiting(DomainRateLimits.Sync);
        domain.MapGet("/directory/syncs", ListAsync);
        domain.MapGet("/directory/syncs/{runId:guid}", DetailsAsync);
        domain.MapPost("/directory/syncs/{runId:guid}/held-removals/confirm",
            (string domain, Guid runId, HttpContext http, SyncHistoryReader history, SyncWriter writer, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
                DecideAsync(domain, runId, confirm: true, http, history, writer, store, clock, ct));
        domain.MapPost("/directory/syncs/{runId:guid}/held-removals/dismiss",
            (string domain, Guid runId, HttpContext http, SyncHistoryReader history, SyncWriter writer, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
                DecideAsync(domain, runId, confirm: false, http, history, writer, store, clock, ct));
        return domain;
    }

    /// <param name="mode"><c>full</c> (the default) reads everything; <c>changes</c> only what changed since the last run.</param>
    private static async Task<Results<Accepted<SyncAccepted>, ProblemHttpResult>> SyncNowAsync(
        string domain, string? mode, HttpContext http, DirectorySettingsService settings, SyncRequests requests, CancellationToken cancellationToken)
    {
        var name = DomainNames.Normalize(domain)!;
        if (mode is not (null or SyncModes.Full or SyncModes.Changes))
        {
            return SyncProblems.InvalidMode(mode);
        }

        var (directory, _) = await settings.ReadAsync(name, cancellationToken);
        if (!directory.Configured)
        {
            return SyncProblems.NotConfigured(name);
        }

        var (runId, already) = await requests.RequestAsync(name, SyncTriggers.Manual, http.User.GetSubject() ?? "unknown", cancellationToken, mode);
        return TypedResults.Accepted($"/v1/domains/{name}/directory/syncs/{runId}", new SyncAccepted(runId, "queued", already));
    }

    private static async Task<Ok<IReadOnlyList<SyncRunView>>> ListAsync(
        string domain, SyncHistoryReader history, int? limit, DateTimeOffset? before, CancellationToken cancellationToken) =>
        TypedResults.Ok(await history.RunsAsync(DomainNames.Normalize(domain)!, Math.Clamp(limit ?? 50, 1, MaxPage), before, cancellationToken));

    private static async Task<Results<Ok<SyncRunDetails>, ProblemHttpResult>> DetailsAsync(
        string domain, Guid runId, SyncHistoryReader history, string? change, long? after, int? limit, CancellationToken cancellationToken)
    {
        var run = await history.RunAsync(DomainNames.Normalize(domain)!, runId, cancellationToken);
        if (run is null)
        {
            return SyncProblems.RunNotFound(runId);
        }

        var size = Math.Clamp(limit ?? 100, 1, MaxPage);
        var changes = await history.ChangesAsync(runId, change, after ?? 0, size, cancellationToken);
        return TypedResults.Ok(new SyncRunDetails(run, changes, changes.Count == size ? changes[^1].Id : null));
    }

    private static async Task<Results<Ok<SyncRunView>, ProblemHttpResult>> DecideAsync(
        string domain, Guid runId, bool confirm, HttpContext http, SyncHistoryReader history, SyncWriter writer, IDocumentStore store,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var name = DomainNames.Normalize(domain)!;
        var run = await history.RunAsync(name, runId, cancellationToken);
        if (run is null)
        {
            return SyncProblems.RunNotFound(runId);
        }

        if (run.HeldRemovals is null)
        {
            return SyncProblems.NothingHeld(runId);
        }

        if (run.HeldRemovals.Decision is not null)
        {
            return SyncProblems.AlreadyDecided(run.HeldRemovals.Decision, run.HeldRemovals.DecidedBy);
        }

        var (users, outdated) = await history.HeldAsync(name, runId, cancellationToken);
        if (outdated && confirm)
        {
            return SyncProblems.Outdated();
        }

        var admin = http.User.GetSubject() ?? "unknown";
        if (confirm)
        {
            await writer.RemoveAsync(name, runId, users, admin, cancellationToken);
        }

        await using var session = store.LightweightSession();
        session.LastModifiedBy = admin;
        session.CorrelationId = runId.ToString();
        session.Events.Append(SyncRunner.StreamId(name, runId), new HeldRemovalsDecided(name, runId, confirm, admin, clock.GetUtcNow()));
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await history.RunAsync(name, runId, cancellationToken))!);
    }
}
