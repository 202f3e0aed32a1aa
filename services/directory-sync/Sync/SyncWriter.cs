using Marten;
using Npgsql;
using Platform.Contracts;
using Platform.Directory.Search;
using Platform.DirectorySync.Registry;
using Platform.Outbox.Store;

namespace Platform.DirectorySync.Sync;

/// <summary>
/// Records a sync plan in chunks of one transaction each: the chunk's changes as one <see cref="DirectoryUsersChanged"/>
/// on a stream of its own, each user's integration message, and the read models with them — one Marten session per
/// chunk, its outbox rows and its read-model rows written as a few multi-row statements. An address the platform did not know yet is
/// registered, and announced with <see cref="UserDiscovered"/> once, unless the account is disabled: a disabled
/// user is announced when enabled.
/// </summary>
public sealed class SyncWriter(IDocumentStore store, NpgsqlDataSource data, TimeProvider clock)
{
    private const int ChunkSize = 1000;
    private const int ParallelChunks = 2;
    private const string Actor = "system:directory-sync";

    public async Task WriteAsync(string domain, Guid runId, SyncPlan plan, CancellationToken cancellationToken)
    {
        var work = new List<UserWork>();
        work.AddRange(plan.Added.Select(u => new UserWork(u.Id, Added: u)));
        var updated = plan.Updated.ToDictionary(u => u.After.Id, StringComparer.Ordinal);
        var disabled = plan.Disabled.ToDictionary(u => u.DirectoryId, StringComparer.Ordinal);
        var enabled = plan.Enabled.ToDictionary(u => u.DirectoryId, StringComparer.Ordinal);
        foreach (var id in updated.Keys.Concat(disabled.Keys).Concat(enabled.Keys).Distinct(StringComparer.Ordinal))
        {
            work.Add(new UserWork(id, Updated: updated.GetValueOrDefault(id), Disabled: disabled.GetValueOrDefault(id), Enabled: enabled.GetValueOrDefault(id)));
        }

        work.AddRange(plan.Removed.Select(u => new UserWork(u.DirectoryId, Removed: u)));
        // Chunks touch different users and — the planner having refused duplicate addresses — different registry
        // streams, so they can commit in any order, each on its own connection: PostgreSQL then uses more than one core.
        await Parallel.ForEachAsync(work.Chunk(ChunkSize), new ParallelOptions { MaxDegreeOfParallelism = ParallelChunks, CancellationToken = cancellationToken },
            async (chunk, token) => await WriteChunkAsync(domain, runId, chunk, token));
    }

    /// <summary>Adds users to a domain that knew none, in one transaction (an import writes chunk by chunk as it reads).</summary>
    public Task AddAsync(string domain, Guid runId, IReadOnlyList<DirectoryUser> users, CancellationToken cancellationToken) =>
        WriteChunkAsync(domain, runId, [.. users.Select(u => new UserWork(u.Id, Added: u))], cancellationToken);

    /// <summary>Removes the held users an admin confirmed, with who approved it.</summary>
    public async Task RemoveAsync(string domain, Guid runId, IReadOnlyList<HeldRemoval> users, string approvedBy, CancellationToken cancellationToken)
    {
        foreach (var chunk in users.Chunk(ChunkSize))
        {
            await using var session = Session(runId);
            var at = clock.GetUtcNow();
            var streamId = DirectoryUsersChanged.StreamId(domain, Guid.CreateVersion7());
            foreach (var user in chunk)
            {
                Publish(session, streamId, id => new UserRemovedFromDirectory
                {
                    EventId = id, OccurredAt = at, Domain = domain, DirectoryId = user.DirectoryId, Email = user.Email,
                    SyncRunId = runId, ApprovedBy = approvedBy,
                });
            }

            session.Events.StartStream(streamId,
                new DirectoryUsersChanged(domain, runId, [.. chunk.Select(u => new DirectoryUserRemoved(u.DirectoryId, u.Email, approvedBy))], at));
            await session.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task WriteChunkAsync(string domain, Guid runId, UserWork[] chunk, CancellationToken cancellationToken)
    {
        // Addresses that may need registering: a FirstSpamDetected consumer may register one meanwhile, and then this
        // chunk conflicts on the registry stream and is written again against what is known now. Each conflict means
        // another writer registered at least one of the candidates, which the next attempt reads as known: the attempts
        // needed are bounded by the candidates, however many first spams race.
        var candidates = chunk.SelectMany(w => w.NewAddresses).Distinct(StringComparer.Ordinal).ToList();
        await ConflictRetry.RunAsync(candidates.Count + 1, async commit =>
        {
            var known = await RegisteredAsync(domain, candidates, cancellationToken);
            await using var session = Session(runId);
            var at = clock.GetUtcNow();
            var streamId = DirectoryUsersChanged.StreamId(domain, Guid.CreateVersion7());
            var changes = new List<DirectoryUserChange>(chunk.Length);
            foreach (var work in chunk)
            {
                Record(session, streamId, domain, runId, work, known, at, changes);
            }

            session.Events.StartStream(streamId, new DirectoryUsersChanged(domain, runId, changes, at));
            await commit.CommitAsync(session, cancellationToken);
        });
    }

    private static void Record(
        IDocumentSession session, string streamId, string domain, Guid runId, UserWork work, Registrations knownAddresses, DateTimeOffset at,
        List<DirectoryUserChange> events)
    {
        if (work.Added is { } added)
        {
            events.Add(new DirectoryUserAdded(added.Id, added.Dn, added.PrimaryAddress, added.Aliases, added.DisplayName, added.Disabled));
            if (!added.Disabled)
            {
                Discover(session, domain, added.PrimaryAddress, added.DisplayName, knownAddresses, at, announce: true);
            }
        }

        if (work.Updated is { } update)
        {
            var after = update.After;
            events.Add(new DirectoryUserChanged(after.Id, after.Dn, after.PrimaryAddress, update.AddressChanged ? update.Before.Email : null,
                after.Aliases, after.DisplayName));
            Publish(session, streamId, id => new UserUpdated
            {
                EventId = id, OccurredAt = at, Domain = domain, DirectoryId = after.Id, Email = after.PrimaryAddress,
                PreviousEmail = update.AddressChanged ? update.Before.Email : null, Aliases = after.Aliases, DisplayName = after.DisplayName,
                SyncRunId = runId,
            });
            if (update.AddressChanged)
            {
                // The same person at a new address: known from now on, but not welcomed a second time.
                Discover(session, domain, after.PrimaryAddress, after.DisplayName, knownAddresses, at, announce: false);
            }
        }

        var email = work.Updated?.After.PrimaryAddress ?? work.Disabled?.Email ?? work.Enabled?.Email;
        if (work.Disabled is { } disabled)
        {
            events.Add(new DirectoryUserDisabled(disabled.DirectoryId, email!));
            Publish(session, streamId, id => new UserDisabledInDirectory
            {
                EventId = id, OccurredAt = at, Domain = domain, DirectoryId = disabled.DirectoryId, Email = email!, SyncRunId = runId,
            });
        }

        if (work.Enabled is { } enabled)
        {
            events.Add(new DirectoryUserEnabled(enabled.DirectoryId, email!));
            Publish(session, streamId, id => new UserEnabledInDirectory
            {
                EventId = id, OccurredAt = at, Domain = domain, DirectoryId = enabled.DirectoryId, Email = email!, SyncRunId = runId,
            });
            Discover(session, domain, email!, work.Updated?.After.DisplayName ?? enabled.DisplayName, knownAddresses, at, announce: true);
        }

        if (work.Removed is { } removed)
        {
            events.Add(new DirectoryUserRemoved(removed.DirectoryId, removed.Email, "sync"));
            Publish(session, streamId, id => new UserRemovedFromDirectory
            {
                EventId = id, OccurredAt = at, Domain = domain, DirectoryId = removed.DirectoryId, Email = removed.Email,
                SyncRunId = runId, ApprovedBy = "sync",
            });
        }
    }

    private static void Discover(
        IDocumentSession session, string domain, string email, string? displayName, Registrations registrations, DateTimeOffset at, bool announce)
    {
        if (!registrations.Known.Add(email))
        {
            return;
        }

        // A user an admin deleted is registered anew at their stream's end; everyone else starts a stream.
        var streamId = RegisteredUser.StreamId(domain, email);
        session.Events.Write(streamId, registrations.Deleted.GetValueOrDefault(email), [new UserRegistered(domain, email, UserSources.Directory, at)]);
        if (announce)
        {
            var discovered = UserDiscovery.Discovered(domain, email, UserSources.Directory, at, displayName);
            session.Publish(discovered, discovered.EventId, streamId);
        }
    }

    /// <summary>
    /// Publishes a message through the outbox under the id it carries as its event id. Time-ordered ids keep the
    /// outbox's unique index on message ids growing at its end during an import, instead of splitting pages at random.
    /// </summary>
    private static void Publish(IDocumentSession session, string streamId, Func<Guid, object> message)
    {
        var id = Guid.CreateVersion7();
        session.Publish(message(id), id, streamId);
    }

    private IDocumentSession Session(Guid runId)
    {
        var session = store.LightweightSession();
        session.LastModifiedBy = Actor;
        session.CorrelationId = runId.ToString();
        return session;
    }

    /// <summary>Which of <paramref name="emails"/> the registry knows, and the stream versions of those deleted since.</summary>
    private async Task<Registrations> RegisteredAsync(string domain, IReadOnlyList<string> emails, CancellationToken cancellationToken)
    {
        var registrations = new Registrations(new HashSet<string>(StringComparer.Ordinal), new Dictionary<string, long>(StringComparer.Ordinal));
        if (emails.Count == 0)
        {
            return registrations;
        }

        await using var command = data.CreateCommand(
            $"SELECT email, version, deleted_at IS NOT NULL FROM {store.Options.DatabaseSchemaName}.registry_users WHERE domain = $1 AND email = ANY($2)");
        command.Parameters.Add(new NpgsqlParameter { Value = domain });
        command.Parameters.Add(new NpgsqlParameter { Value = emails.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetBoolean(2))
            {
                registrations.Deleted[reader.GetString(0)] = reader.GetInt64(1);
            }
            else
            {
                registrations.Known.Add(reader.GetString(0));
            }
        }

        return registrations;
    }

    /// <summary>Addresses the registry knows (added to as the chunk registers more), and deleted users' stream versions.</summary>
    private sealed record Registrations(HashSet<string> Known, Dictionary<string, long> Deleted);

    private sealed record UserWork(
        string Id, DirectoryUser? Added = null, UserUpdate? Updated = null, KnownUser? Disabled = null, KnownUser? Enabled = null, KnownUser? Removed = null)
    {
        /// <summary>Addresses this work may register: an enabled newcomer, a new primary address, a re-enabled user.</summary>
        public IEnumerable<string> NewAddresses =>
            new[]
            {
                Added is { Disabled: false } ? Added.PrimaryAddress : null,
                Updated is { AddressChanged: true } ? Updated.After.PrimaryAddress : null,
                Enabled is not null ? Updated?.After.PrimaryAddress ?? Enabled.Email : null,
            }.OfType<string>();
    }
}
