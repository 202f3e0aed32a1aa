using System.Security.Cryptography;
using System.Text;
using Marten;
using Npgsql;
using Platform.Auth.Tokens;
using Platform.Outbox.Store;
using Platform.Security;

namespace Platform.Auth.Clients;

/// <summary>
/// Machine credentials: a platform admin creates one (its secret shown once), revokes it; the token endpoint checks a
/// client's secret. Each holds the <c>mail-filter</c> role only.
/// </summary>
public sealed class ServiceClients(IDocumentStore store, NpgsqlDataSource data, TimeProvider clock)
{
    /// <summary>A new client's id and secret: the secret is never stored or shown again.</summary>
    public async Task<(ServiceClient Client, string Secret)> CreateAsync(string name, string by, CancellationToken cancellationToken)
    {
        var id = "mf_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var secret = RefreshTokens.New();
        var at = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        session.LastModifiedBy = by;
        session.Events.StartStream(ServiceClientCreated.StreamId(id), new ServiceClientCreated(id, name, PlatformRoles.MailFilter, RefreshTokens.Hash(secret), by, at));
        await session.SaveChangesAsync(cancellationToken);
        return (new ServiceClient(id, name, PlatformRoles.MailFilter, at, null, 1), secret);
    }

    public async Task<IReadOnlyList<ServiceClient>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand(
            $"SELECT client_id, name, role, created_at, revoked_at, version, secret_hash FROM {store.Options.DatabaseSchemaName}.service_clients ORDER BY created_at");
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Revokes the client; false when there is no such client (revoking twice is not an error).</summary>
    public async Task<bool> RevokeAsync(string id, string by, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } client)
        {
            return false;
        }

        if (client.RevokedAt is not null)
        {
            return true;
        }

        await using var session = store.LightweightSession();
        session.LastModifiedBy = by;
        session.Events.Write(ServiceClientCreated.StreamId(id), client.Version, [new ServiceClientRevoked(by, clock.GetUtcNow())]);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (StoreErrors.IsConcurrencyConflict(e))
        {
            // Revoked by someone else meanwhile: the outcome asked for.
        }

        return true;
    }

    /// <summary>The client whose id and secret these are, when it is not revoked; null otherwise.</summary>
    public async Task<ServiceClient?> VerifyAsync(string id, string secret, CancellationToken cancellationToken)
    {
        var client = await FindAsync(id, cancellationToken);
        var offered = Encoding.ASCII.GetBytes(RefreshTokens.Hash(secret));
        var stored = Encoding.ASCII.GetBytes(client?.SecretHash ?? new string('0', offered.Length));
        return CryptographicOperations.FixedTimeEquals(offered, stored) && client is { RevokedAt: null } ? client : null;
    }

    private async Task<ServiceClient?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand(
            $"SELECT client_id, name, role, created_at, revoked_at, version, secret_hash FROM {store.Options.DatabaseSchemaName}.service_clients WHERE client_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    private static async Task<IReadOnlyList<ServiceClient>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var clients = new List<ServiceClient>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            clients.Add(new ServiceClient(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt64(5)) { SecretHash = reader.GetString(6) });
        }

        return clients;
    }
}

/// <summary>A machine credential as stored (its secret's hash never leaves the service).</summary>
public sealed record ServiceClient(string ClientId, string Name, string Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, long Version)
{
    internal string? SecretHash { get; init; }
}
