using Microsoft.AspNetCore.Identity;
using Npgsql;
using Platform.Security;
using ConcurrencyException = Platform.EventStore.ConcurrencyException;

namespace Platform.Auth.Admins;

/// <summary>Local admin accounts: created by a platform admin (or at first start), never looked up in a directory.</summary>
public sealed class AdminAccounts(EventStore.EventStore store, NpgsqlDataSource data, TimeProvider clock)
{
    private static readonly PasswordHasher<AdminAccount> Hasher = new();

    public async Task<AdminAccount?> FindAsync(string email, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand(
            $"SELECT email, role, domains, password_hash, removed_at IS NOT NULL, version FROM {store.Options.Schema}.admins WHERE email = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new AdminAccount(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.GetString(3), reader.GetBoolean(4), reader.GetInt64(5))
            : null;
    }

    public async Task<IReadOnlyList<AdminAccount>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand(
            $"SELECT email, role, domains, version FROM {store.Options.Schema}.admins WHERE removed_at IS NULL ORDER BY email");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var admins = new List<AdminAccount>();
        while (await reader.ReadAsync(cancellationToken))
        {
            admins.Add(new AdminAccount(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), "", false, reader.GetInt64(3)));
        }

        return admins;
    }

    /// <summary>Creates an admin; the problem code when the request cannot be met.</summary>
    public async Task<string?> CreateAsync(string email, string password, string role, IReadOnlyList<string> domains, string by, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(email, cancellationToken);
        if (existing is { Removed: false })
        {
            return "admin_exists";
        }

        var session = store.LightweightSession();
        session.Actor = by;
        var created = new AdminCreated(email, role, domains, Hasher.HashPassword(null!, password), by, clock.GetUtcNow());
        session.Events.Write(AdminCreated.StreamId(email), existing?.Version ?? 0, [created]);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (ConcurrencyException)
        {
            return "admin_exists";
        }
    }

    /// <summary>
    /// Whether <paramref name="password"/> is the admin's; a hash in an older format is upgraded on the way. An unknown
    /// or removed admin costs the same hashing as a known one, so the answer's timing does not tell them apart.
    /// </summary>
    public async Task<AdminAccount?> VerifyAsync(string email, string password, CancellationToken cancellationToken)
    {
        var admin = await FindAsync(email, cancellationToken);
        if (admin is null || admin.Removed)
        {
            Hasher.VerifyHashedPassword(null!, DecoyHash, password);
            return null;
        }

        var result = Hasher.VerifyHashedPassword(admin, admin.PasswordHash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            var session = store.LightweightSession();
            session.Actor = "admin:" + email;
            session.Events.Append(AdminCreated.StreamId(email), admin.Version, new AdminPasswordSet(Hasher.HashPassword(admin, password), "system:rehash", clock.GetUtcNow()));
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (ConcurrencyException)
            {
                // Someone else changed the account meanwhile; the old hash still works until next time.
            }
        }

        return result == PasswordVerificationResult.Failed ? null : admin;
    }

    private static readonly string DecoyHash = Hasher.HashPassword(null!, "decoy password for unknown admins");

    public static string? NormalizeEmail(string? email)
    {
        var at = email?.LastIndexOf('@') ?? -1;
        return at > 0 && DomainNames.Normalize(email![(at + 1)..]) is { } domain ? EmailAddresses.Normalize(email, domain).Email : null;
    }
}
