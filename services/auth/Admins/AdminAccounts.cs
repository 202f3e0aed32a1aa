using Marten;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Platform.Auth.Accounts;
using Platform.Auth.Lockout;
using Platform.Outbox.Store;
using Platform.Security;

namespace Platform.Auth.Admins;

/// <summary>Local admin accounts: created by a platform admin (or at first start), never looked up in a directory.</summary>
public sealed class AdminAccounts(IDocumentStore store, TimeProvider clock, IOptions<Lockout.LockoutOptions> lockout)
{
    private static readonly PasswordHasher<AdminAccount> Hasher = new();

    public async Task<AdminAccount?> FindAsync(string email, CancellationToken cancellationToken)
    {
        await using var query = store.QuerySession();
        return await query.LoadAsync<AdminAccount>(AdminCreated.StreamId(email), cancellationToken);
    }

    /// <summary>Whether the admin's account is there and not disabled: what keeps an admin's token's session going (<c>GET /v1/session</c>).</summary>
    public async Task<bool> IsActiveAsync(string email, CancellationToken cancellationToken) =>
        await FindAsync(email, cancellationToken) is { Removed: false, Disabled: false };

    public async Task<IReadOnlyList<AdminAccount>> ListAsync(CancellationToken cancellationToken)
    {
        await using var query = store.QuerySession();
        return await query.Query<AdminAccount>().Where(a => !a.Removed).OrderBy(a => a.Email).ToListAsync(cancellationToken);
    }

    /// <summary>Creates an admin; the problem code when the request cannot be met.</summary>
    public async Task<string?> CreateAsync(string email, string password, string role, IReadOnlyList<string> domains, string by, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(email, cancellationToken);
        if (existing is { Removed: false })
        {
            return "admin_exists";
        }

        await using var session = store.LightweightSession();
        session.LastModifiedBy = by;
        var created = new AdminCreated(email, role, domains, Hasher.HashPassword(null!, password), by, clock.GetUtcNow());
        session.Events.Write(AdminCreated.StreamId(email), existing?.Version ?? 0, [created]);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (Exception e) when (StoreErrors.IsConcurrencyConflict(e))
        {
            return "admin_exists";
        }
    }

    /// <summary>
    /// Whether <paramref name="password"/> is the admin's; a hash in an older format is upgraded on the way. An unknown
    /// or removed admin costs the same hashing as a known one, so the answer's timing does not tell them apart. A
    /// locked admin's password is not checked at all (null, as for a wrong one; <see cref="LockedFor"/> tells them
    /// apart); a wrong one is counted and may lock the account, a right one forgets earlier failures: the email users'
    /// <see cref="LockoutDecisions"/>.
    /// </summary>
    public async Task<AdminAccount?> VerifyAsync(string email, string password, CancellationToken cancellationToken)
    {
        var admin = await FindAsync(email, cancellationToken);
        var now = clock.GetUtcNow();
        if (admin is null || admin.Removed || LockoutDecisions.LockedFor(admin.Lockout, now) is not null)
        {
            Hasher.VerifyHashedPassword(null!, DecoyHash, password);
            return null;
        }

        var result = Hasher.VerifyHashedPassword(admin, admin.PasswordHash, password);
        IReadOnlyList<CredentialEvent> events = result switch
        {
            PasswordVerificationResult.Failed => LockoutDecisions.RecordFailure(admin.Lockout, "wrong_password", now, lockout.Value),
            PasswordVerificationResult.SuccessRehashNeeded =>
                [.. LockoutDecisions.RecordSuccess(admin.Lockout, now), new AdminPasswordSet(Hasher.HashPassword(admin, password), "system:rehash", now)],
            _ => LockoutDecisions.RecordSuccess(admin.Lockout, now),
        };
        if (events.Count > 0 && !await AppendAsync(admin, "admin:" + email, events, cancellationToken) && result == PasswordVerificationResult.Failed)
        {
            // Another attempt wrote first: this failure is counted on what it left, so concurrent guesses are not lost.
            await VerifyAsync(email, password, cancellationToken);
        }

        return result == PasswordVerificationResult.Failed ? null : admin;
    }

    /// <summary>How long the admin must still wait before a password of theirs is checked, or null.</summary>
    public TimeSpan? LockedFor(AdminAccount? admin) => admin is null ? null : LockoutDecisions.LockedFor(admin.Lockout, clock.GetUtcNow());

    /// <summary>Sets a new password (its rule checked by the caller); false when the account changed meanwhile.</summary>
    public Task<bool> SetPasswordAsync(AdminAccount admin, string password, string by, CancellationToken cancellationToken) =>
        AppendAsync(admin, by, [new AdminPasswordSet(Hasher.HashPassword(admin, password), by, clock.GetUtcNow())], cancellationToken);

    /// <summary>
    /// Decides on the admin as fetched (null: no such admin) and records the changes decided, at its version; decided
    /// again when another write got there first — a few times, then the conflict is thrown (<see cref="StoreErrors.IsConcurrencyConflict"/>).
    /// </summary>
    public Task<TResult> DecideAsync<TResult>(
        string email, string by, Func<AdminAccount?, (IReadOnlyList<CredentialEvent> Changes, TResult Result)> decide, CancellationToken cancellationToken) =>
        store.HandleAsync<AdminAccount, TResult>(AdminCreated.StreamId(email), (stream, _) =>
        {
            var (changes, result) = decide(stream.Aggregate);
            stream.AppendMany(changes);
            return result;
        }, prepare: session => session.LastModifiedBy = by, cancellationToken: cancellationToken);

    /// <summary>Records <paramref name="changes"/> on the admin at the version it was read at; false when it changed meanwhile.</summary>
    public async Task<bool> AppendAsync(AdminAccount admin, string by, IReadOnlyList<CredentialEvent> changes, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        session.LastModifiedBy = by;
        session.Events.Write(AdminCreated.StreamId(admin.Email), admin.Version, changes);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (StoreErrors.IsConcurrencyConflict(e))
        {
            return false;
        }
    }

    private static readonly string DecoyHash = Hasher.HashPassword(null!, "decoy password for unknown admins");

    public static string? NormalizeEmail(string? email)
    {
        var at = email?.LastIndexOf('@') ?? -1;
        return at > 0 && DomainNames.Normalize(email![(at + 1)..]) is { } domain ? EmailAddresses.Normalize(email, domain).Email : null;
    }
}
