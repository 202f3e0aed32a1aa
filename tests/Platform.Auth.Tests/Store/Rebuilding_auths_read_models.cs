using JasperFx.Events;
using Marten;
using Platform.Auth.Accounts;
using Platform.Auth.Admins;
using Platform.Auth.Clients;
using Platform.Auth.Directories;
using Platform.Auth.Links;
using Platform.Auth.Lockout;
using Platform.Auth.Mfa;
using Platform.Auth.Tokens;
using Platform.Contracts;
using Platform.Outbox.Store;
using Xunit;

namespace Platform.Auth.Tests.Store;

/// <summary>
/// Auth's read models are Marten's: written inline with the events, and rebuilt from the events by Marten's own
/// daemon into exactly what the inline writes left — snapshots and tables alike.
/// </summary>
public sealed class Rebuilding_auths_read_models
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] Tables =
    [
        "SELECT token_hash, session_id, domain, email, methods, expires_at, spent_at, revoked_at, version, started_at FROM {schema}.refresh_tokens",
        "SELECT token_hash, request_id, domain, email, purpose, expires_at, used_at, superseded, version FROM {schema}.login_links",
        "SELECT client_id, name, role, secret_hash, created_by, created_at, revoked_at, version FROM {schema}.service_clients",
        "SELECT domain, version, settings::text FROM {schema}.domain_directories",
        "SELECT id, data::text FROM {schema}.mt_doc_account",
        "SELECT id, data::text FROM {schema}.mt_doc_admin",
    ];

    [Fact]
    public async Task Rebuilds_every_projection_into_what_the_inline_writes_left()
    {
        await using var auth = await AuthTestStore.CreateAsync();
        var store = auth.Store;
        await WriteHistoryAsync(store);
        var inline = new List<List<string>>();
        foreach (var sql in Tables)
        {
            inline.Add(await auth.RowsAsync(sql));
        }

        Assert.All(inline, rows => Assert.NotEmpty(rows));
        // An admin's lockout and second-factor events are no email user's account, nor the other way round.
        Assert.All(inline[4], row => Assert.StartsWith("account/", row, StringComparison.Ordinal));
        Assert.All(inline[5], row => Assert.StartsWith("admin/", row, StringComparison.Ordinal));
        using var daemon = await store.BuildProjectionDaemonAsync();
        foreach (var projection in new[] { "refresh_tokens", "login_links", "service_clients", "domain_directories", nameof(Account), nameof(AdminAccount) })
        {
            await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(1), CancellationToken.None);
        }

        for (var i = 0; i < Tables.Length; i++)
        {
            Assert.Equal(inline[i], await auth.RowsAsync(Tables[i]));
        }
    }

    /// <summary>A little of every stream: an account logged into, failing and locked, with a second factor; a session refreshed and one revoked; links issued twice for one request, used and voided; an admin; a client; a directory.</summary>
    private static async Task WriteHistoryAsync(IDocumentStore store)
    {
        var account = AccountStreams.StreamId("rebuild.example", "ann@rebuild.example");
        var sessionA = Guid.CreateVersion7();
        var sessionB = Guid.CreateVersion7();
        var request = Guid.CreateVersion7();
        await using (var session = store.LightweightSession())
        {
            session.Events.Append(account, new RegistryUserKnown(At), new TotpEnrollmentStarted("protected", At), new TotpConfirmed(["h1", "h2"], At));
            session.Events.StartStream(SessionStarted.StreamId(sessionA), new SessionStarted(sessionA, "rebuild.example", "ann@rebuild.example", ["pwd"], "t1", At.AddHours(12), At));
            session.Events.StartStream(SessionStarted.StreamId(sessionB), new SessionStarted(sessionB, "rebuild.example", "ann@rebuild.example", ["link"], "t2", At.AddHours(12), At));
            session.Events.Append(LoginLinkCreated.StreamId(request), new LoginLinkCreated(request, "rebuild.example", "ann@rebuild.example", "welcome", "l1", At.AddDays(7), At));
            session.Events.StartStream(ServiceClientCreated.StreamId("mf_1"), new ServiceClientCreated("mf_1", "filter", "mail-filter", "s1", "admin:root", At));
            session.Events.StartStream(AdminCreated.StreamId("root@platform.example"),
                new AdminCreated("root@platform.example", "platform-admin", [], "hash", "system:bootstrap", At));
            session.Events.Append(DirectoryLearned.StreamId("rebuild.example"), new DirectoryLearned("rebuild.example", new DirectorySettingsChanged
            {
                EventId = Guid.NewGuid(), OccurredAt = At, Domain = "rebuild.example", Version = 1, Configured = true, Kind = "openLdap", Host = "ldap.rebuild.example",
            }));
            await session.SaveChangesAsync();
        }

        // A redelivered request: its second link supersedes the first.
        await using (var session = store.LightweightSession())
        {
            session.Events.Append(LoginLinkCreated.StreamId(request), new LoginLinkCreated(request, "rebuild.example", "ann@rebuild.example", "welcome", "l2", At.AddDays(7), At));
            await session.SaveChangesAsync();
        }

        await store.HandleAsync<Account, int>(account, (stream, _) =>
        {
            stream.AppendMany(LockoutDecisions.RecordFailure(stream.Aggregate!.Lockout, "wrong_password", At.AddMinutes(1), new LockoutOptions { FailuresBeforeLock = 1 }));
            return 0;
        });
        await using (var session = store.LightweightSession())
        {
            var stream = await session.Events.FetchForWriting<Account>(account);
            stream.AppendMany(new FailuresReset(At.AddMinutes(2)), new TotpCodeUsed(42, At.AddMinutes(2)), new LoggedIn("loginLink", At.AddMinutes(2)));
            session.Events.Write(LoginLinkCreated.StreamId(request), 2, [new LoginLinkUsed("l2", At.AddMinutes(2))]);
            session.Events.Write(SessionStarted.StreamId(sessionA), 1, [new SessionRefreshed("t1", "t3", At.AddHours(13), At.AddMinutes(2))]);
            await session.SaveChangesAsync();
        }

        await using (var session = store.LightweightSession())
        {
            session.Events.Write(SessionStarted.StreamId(sessionB), 1, [new SessionRevoked(SessionEndings.Inactive, At.AddMinutes(3))]);
            session.Events.Append(account, new RegistryStatusLearned(AccountStatuses.Inactive, At.AddMinutes(3)));
            session.Events.Write(ServiceClientCreated.StreamId("mf_1"), 1, [new ServiceClientRevoked("admin:root", At.AddMinutes(3))]);
            session.Events.Write(AdminCreated.StreamId("root@platform.example"), 1,
                [new TotpEnrollmentStarted("admin-protected", At.AddMinutes(3)), new LoginFailureCounted(1, 0, "wrong_password", At.AddMinutes(3))]);
            await session.SaveChangesAsync();
        }
    }
}
