using System.Collections.Concurrent;
using Npgsql;
using Platform.Directory;
using Platform.Directory.Settings;
using Platform.Security.Secrets;

namespace Platform.Auth.Directories;

/// <summary>
/// The directory client for a domain's logins, from the newest settings auth has learned. A client is kept per
/// domain and settings version, so its pooled connections are reused across logins and dropped when settings change.
/// The version is checked at most once per <see cref="Recheck"/> per domain (a login does not pay a database round
/// trip for settings that change a few times a year); this replica's consumer forgets a domain as soon as it stores
/// new settings, other replicas see them within that second.
/// </summary>
public sealed class DomainDirectories(
    NpgsqlDataSource data, Marten.IDocumentStore store, SecretProtector protector, DirectoryClientFactory factory, TimeProvider clock)
{
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, (long Version, DirectoryClient Client, DateTimeOffset Checked)> _clients = new(StringComparer.Ordinal);

    /// <summary>The next login of <paramref name="domain"/> reads its settings again.</summary>
    public void Forget(string domain) => _clients.TryRemove(domain, out _);

    /// <summary>
    /// The directory for a login typed as <c>someone@<paramref name="typedDomain"/></c>: the domain's own, or that of
    /// the one domain listing <paramref name="typedDomain"/> among its login suffixes (<see cref="DirectoryForLogin.BySuffix"/>).
    /// </summary>
    public async Task<DirectoryForLogin?> ForLoginAsync(string typedDomain, CancellationToken cancellationToken)
    {
        if (await ClientAsync(typedDomain, cancellationToken) is { } own)
        {
            return new DirectoryForLogin(typedDomain, own, BySuffix: false);
        }

        await using var command = data.CreateCommand(
            $"SELECT domain FROM {store.Options.DatabaseSchemaName}.domain_directories WHERE settings -> 'loginSuffixes' ? $1 LIMIT 2");
        command.Parameters.Add(new NpgsqlParameter { Value = typedDomain });
        var owners = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                owners.Add(reader.GetString(0));
            }
        }

        // Two domains claiming one suffix: neither gets the login, rather than the wrong one.
        return owners is [var owner] && await ClientAsync(owner, cancellationToken) is { } client ? new DirectoryForLogin(owner, client, BySuffix: true) : null;
    }

    /// <summary>Null when the domain has no (usable) directory settings here.</summary>
    public async Task<DirectoryClient?> ClientAsync(string domain, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_clients.TryGetValue(domain, out var recent) && now - recent.Checked < Recheck)
        {
            return recent.Client;
        }

        await using var command = data.CreateCommand(
            $"SELECT version, settings::text FROM {store.Options.DatabaseSchemaName}.domain_directories WHERE domain = $1 AND settings IS NOT NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = domain });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            _clients.TryRemove(domain, out _);
            return null;
        }

        var version = reader.GetInt64(0);
        if (_clients.TryGetValue(domain, out var cached) && cached.Version == version)
        {
            _clients[domain] = cached with { Checked = now };
            return cached.Client;
        }

        var published = DomainDirectoriesProjection.Read(reader.GetString(1));
        var password = published.ProtectedBindPassword is { } protectedPassword
            ? new DirectorySecret(protector.Unprotect(protectedPassword, PublishedSettings.PasswordContext(domain)).Reveal())
            : null;
        if (PublishedSettings.FromEvent(published, password) is not { } settings || settings.Validate().Count > 0)
        {
            return null;
        }

        var client = factory.Create(settings);
        _clients[domain] = (version, client, now);
        return client;
    }
}

/// <summary>The served domain whose directory checks a login, and whether the login only ended in one of its suffixes.</summary>
public sealed record DirectoryForLogin(string Domain, DirectoryClient Client, bool BySuffix);
