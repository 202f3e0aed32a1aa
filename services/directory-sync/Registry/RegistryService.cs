using Marten;
using MassTransit;
using Platform.Contracts;
using Platform.Outbox.Store;
using Platform.Security;

namespace Platform.DirectorySync.Registry;

/// <summary>
/// Changes to the registry of email users: by an admin (add, status, delete, import) and by logins. Each change is
/// decided by <see cref="RegistryDecisions"/> on the user's current state, written to their stream at the version it
/// was read at, and announced through the outbox in the same transaction; a concurrent change makes it try again on
/// what is there now. An admin's change to one user reads the stream (<see cref="StreamCommands.HandleAsync"/>);
/// logins and imports read many users' state and versions from the registry's read model.
/// </summary>
public sealed class RegistryService(IDocumentStore store, GroupCommits commits, RegistryRows rows, UserLimit limit, TimeProvider clock)
{
    private const int Attempts = 3;
    private const int ChunkSize = 1000;

    public async Task<RegistryOutcome> AddAsync(string domain, string email, string status, string actor, CancellationToken cancellationToken)
    {
        await using var additions = await limit.LockAsync(domain, cancellationToken);
        var full = await limit.CountAsync(domain, cancellationToken) >= limit.MaxUsers;
        return await ChangeAsync(domain, email, actor, (user, at) => RegistryDecisions.Add(user, domain, email, status, actor, at, full), cancellationToken);
    }

    public Task<RegistryOutcome> SetStatusAsync(string domain, string email, string status, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(domain, email, actor, (user, at) => RegistryDecisions.SetStatus(user, domain, email, status, actor, at), cancellationToken);

    public async Task<RegistryOutcome> DeleteAsync(string domain, string email, string actor, CancellationToken cancellationToken)
    {
        var inDirectory = await rows.InDirectoryAsync(domain, email, cancellationToken);
        return await ChangeAsync(domain, email, actor, (user, at) => RegistryDecisions.Delete(user, inDirectory, domain, email, actor, at), cancellationToken);
    }

    /// <summary>Registers a user on their first login (source <c>login</c>) and records every login's time.</summary>
    public async Task RecordLoginAsync(
        string domain, string email, string method, DateTimeOffset at, ConsumeContext context, string consumer, CancellationToken cancellationToken)
    {
        await ConflictRetry.RunAsync(Attempts, async commit =>
        {
            var current = await rows.ReadAsync(domain, [email], cancellationToken);
            var (user, version) = current.GetValueOrDefault(email, (RegisteredUser.Initial, 0));
            var events = RegistryDecisions.Login(user, domain, email, method, at);
            var messages = Messages(domain, email, events);
            await commit.CommitAsync(() => commits.SaveOnceAsync(session =>
            {
                session.CausedBy(context, consumer, "system:" + UserSources.Login);
                Record(session, domain, email, version, events, messages);
            }, cancellationToken));
        });
    }

    /// <summary>
    /// The API's batch upsert: each valid row adds its user (with the status given, active by default) or sets the
    /// status of a known one; a row that changes nothing is reported unchanged, so sending a batch twice is harmless.
    /// A batch whose additions would take the domain past its <see cref="UserLimit"/> is refused whole: nothing is written.
    /// </summary>
    public async Task<RegistryImport> ImportAsync(string domain, IReadOnlyList<ImportRow> batch, string actor, CancellationToken cancellationToken)
    {
        var results = new ImportRowResult[batch.Count];
        var valid = new List<(int Index, string Email, string Status)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            var (email, error, reason) = EmailAddresses.Normalize(batch[i].Email, domain);
            var status = batch[i].Status ?? UserStatuses.Active;
            results[i] = email is null ? new ImportRowResult(i, batch[i].Email, null, ImportResults.Rejected, error, reason)
                : !UserStatuses.IsValid(status) ? new ImportRowResult(i, batch[i].Email, email, ImportResults.Rejected, "invalid_status", "Status is active or inactive.")
                : !seen.Add(email) ? new ImportRowResult(i, batch[i].Email, email, ImportResults.Rejected, "duplicate_row", "The same address appears earlier in this batch.")
                : null!;
            if (results[i] is null)
            {
                valid.Add((i, email!, status));
            }
        }

        await using var additions = await limit.LockAsync(domain, cancellationToken);
        var current = await rows.ReadAsync(domain, [.. valid.Select(v => v.Email)], cancellationToken);
        var adding = valid.Count(v => !current.TryGetValue(v.Email, out var row) || !row.User.Known);
        var users = adding == 0 ? 0 : await limit.CountAsync(domain, cancellationToken);
        if (adding > 0 && users + adding > limit.MaxUsers)
        {
            return new RegistryImport(results, new UserLimitRefusal(users, adding, limit.MaxUsers));
        }

        foreach (var chunk in valid.Chunk(ChunkSize))
        {
            await ImportChunkAsync(domain, chunk, actor, results, cancellationToken);
        }

        return new RegistryImport(results, null);
    }

    private async Task ImportChunkAsync(
        string domain, (int Index, string Email, string Status)[] chunk, string actor, ImportRowResult[] results, CancellationToken cancellationToken)
    {
        await ConflictRetry.RunAsync(Attempts, async commit =>
        {
            var current = await rows.ReadAsync(domain, chunk.Select(c => c.Email).ToList(), cancellationToken);
            await using var session = Session(actor);
            var at = clock.GetUtcNow();
            foreach (var (index, email, status) in chunk)
            {
                var (user, version) = current.GetValueOrDefault(email, (RegisteredUser.Initial, 0));
                var outcome = user.Known
                    ? RegistryDecisions.SetStatus(user, domain, email, status, actor, at)
                    : RegistryDecisions.Add(user, domain, email, status, actor, at);
                Record(session, domain, email, version, outcome.Events, Messages(domain, email, outcome.Events));
                var result = outcome.Events.Count == 0 ? ImportResults.Unchanged : user.Known ? ImportResults.Updated : ImportResults.Added;
                results[index] = new ImportRowResult(index, email, email, result, null, null);
            }

            await commit.CommitAsync(session, cancellationToken);
        });
    }

    private Task<RegistryOutcome> ChangeAsync(
        string domain, string email, string actor, Func<RegisteredUser, DateTimeOffset, RegistryOutcome> decide, CancellationToken cancellationToken) =>
        store.HandleAsync<RegisteredUser, RegistryOutcome>(RegisteredUser.StreamId(domain, email), (stream, session) =>
        {
            var outcome = decide(stream.Aggregate ?? RegisteredUser.Initial, clock.GetUtcNow());
            if (outcome.Problem is null && outcome.Events.Count > 0)
            {
                stream.AppendMany([.. outcome.Events]);
                Publish(session, stream.Key!, Messages(domain, email, outcome.Events));
            }

            return outcome;
        }, prepare: session => session.LastModifiedBy = actor, cancellationToken: cancellationToken);

    private IDocumentSession Session(string actor)
    {
        var session = store.LightweightSession();
        session.LastModifiedBy = actor;
        return session;
    }

    /// <summary>Writes the events to the user's stream at <paramref name="version"/> and publishes <paramref name="messages"/>.</summary>
    private static void Record(
        IDocumentSession session, string domain, string email, long version, IReadOnlyList<RegistryEvent> events, IReadOnlyList<(object Body, Guid Id)> messages)
    {
        if (events.Count == 0)
        {
            return;
        }

        var streamId = RegisteredUser.StreamId(domain, email);
        session.Events.Write(streamId, version, [.. events]);
        Publish(session, streamId, messages);
    }

    private static void Publish(IDocumentSession session, string streamId, IReadOnlyList<(object Body, Guid Id)> messages)
    {
        foreach (var (body, id) in messages)
        {
            session.Publish(body, id, streamId);
        }
    }

    /// <summary>What other services learn from each event (made once, outside a commit that may run twice).</summary>
    private static List<(object Body, Guid Id)> Messages(string domain, string email, IReadOnlyList<RegistryEvent> events)
    {
        var messages = new List<(object, Guid)>();
        foreach (var e in events)
        {
            object? message = e switch
            {
                UserRegistered r => UserDiscovery.Discovered(r.Domain, r.Email, r.Source, r.At),
                UserStatusSet { Status: UserStatuses.Inactive } s => new UserDeactivated
                {
                    EventId = Guid.CreateVersion7(), OccurredAt = s.At, Domain = domain, Email = email, Actor = s.Actor,
                },
                UserStatusSet s => new UserReactivated { EventId = Guid.CreateVersion7(), OccurredAt = s.At, Domain = domain, Email = email, Actor = s.Actor },
                RegistryUserDeleted d => new Contracts.UserDeleted
                {
                    EventId = Guid.CreateVersion7(), OccurredAt = d.At, Domain = domain, Email = email, Actor = d.Actor,
                },
                _ => null,
            };
            if (message is not null)
            {
                messages.Add((message, MessageId(message)));
            }
        }

        return messages;
    }

    private static Guid MessageId(object message) => message switch
    {
        UserDiscovered m => m.EventId,
        UserDeactivated m => m.EventId,
        UserReactivated m => m.EventId,
        Contracts.UserDeleted m => m.EventId,
        _ => throw new ArgumentException("Not a registry message.", nameof(message)),
    };
}

/// <summary>An import's rows, or why it was refused whole (then the valid rows have no result).</summary>
public sealed record RegistryImport(IReadOnlyList<ImportRowResult> Rows, UserLimitRefusal? Refused);

/// <summary>The domain has <see cref="Users"/> users; the import would add <see cref="Adding"/>; at most <see cref="MaxUsers"/>.</summary>
public sealed record UserLimitRefusal(long Users, int Adding, int MaxUsers);

/// <summary>One row of <c>POST .../users/import</c>.</summary>
public sealed record ImportRow(string? Email, string? Status);

/// <summary>What became of one import row: <see cref="ImportResults"/>, or rejected with a code and reason.</summary>
public sealed record ImportRowResult(int Row, string? Email, string? NormalizedEmail, string Result, string? Code, string? Reason);

public static class ImportResults
{
    public const string Added = "added";
    public const string Updated = "updated";
    public const string Unchanged = "unchanged";
    public const string Rejected = "rejected";
}
