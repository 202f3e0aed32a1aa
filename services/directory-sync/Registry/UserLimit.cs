using Marten;
using Npgsql;
using Platform.DirectorySync.Sync;

namespace Platform.DirectorySync.Registry;

/// <summary>
/// At most <see cref="MaxUsers"/> users (not deleted) in a domain's managed list, <c>DirectorySync:MaxUsersPerDomain</c>:
/// what an admin adds (one user or an import) is refused past it with <see cref="RegistryProblems.UserLimitReached"/>.
/// Users the platform finds itself (directory sync, first spam, logins) are not refused, but count.
/// </summary>
public sealed class UserLimit(IDocumentStore store, NpgsqlDataSource data, IConfiguration configuration)
{
    public const int DefaultMaxUsers = 250_000;

    public int MaxUsers => configuration.GetValue("DirectorySync:MaxUsersPerDomain", DefaultMaxUsers);

    /// <summary>
    /// The domain's lock for additions by admins (across replicas), so that concurrent requests cannot pass the
    /// limit together: count, decide and write while holding it.
    /// </summary>
    public Task<DomainLock> LockAsync(string domain, CancellationToken cancellationToken) =>
        DomainLock.AcquireAsync(data, "registry-additions", domain, cancellationToken);

    /// <summary>The domain's users, not deleted.</summary>
    public async Task<long> CountAsync(string domain, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand($"SELECT count(*) FROM {store.Options.DatabaseSchemaName}.registry_users WHERE domain = $1 AND deleted_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = domain });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
