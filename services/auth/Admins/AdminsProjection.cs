using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Auth.Lockout;
using Platform.Auth.Mfa;
using Platform.EventStore.Events;
using Platform.EventStore.Projections;

namespace Platform.Auth.Admins;

/// <summary>Local admin accounts (table <c>admins</c>), as the admin login reads them.</summary>
public sealed class AdminsProjection(string schema) : IProjection
{
    public string Name => "admins";

    public async Task EnsureStorageAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            CREATE TABLE IF NOT EXISTS {schema}.admins (
                email text COLLATE "C" PRIMARY KEY,
                role text NOT NULL,
                domains text[] NOT NULL,
                password_hash text NOT NULL,
                created_by text NOT NULL,
                created_at timestamptz NOT NULL,
                removed_at timestamptz,
                version bigint NOT NULL);
            ALTER TABLE {schema}.admins ADD COLUMN IF NOT EXISTS disabled_at timestamptz;
            ALTER TABLE {schema}.admins ADD COLUMN IF NOT EXISTS failures int NOT NULL DEFAULT 0;
            ALTER TABLE {schema}.admins ADD COLUMN IF NOT EXISTS last_failure timestamptz;
            ALTER TABLE {schema}.admins ADD COLUMN IF NOT EXISTS locked_until timestamptz;
            ALTER TABLE {schema}.admins ADD COLUMN IF NOT EXISTS lock_level int NOT NULL DEFAULT 0;
            ALTER TABLE {schema}.admins ADD COLUMN IF NOT EXISTS second_factor jsonb;
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, ProjectionWrites writes, CancellationToken cancellationToken)
    {
        await ApplySecondFactorsAsync(connection, events, writes, cancellationToken);
        foreach (var e in events)
        {
            var email = e.StreamId.StartsWith("admin/", StringComparison.Ordinal) ? e.StreamId["admin/".Length..] : null;
            switch (e.Data)
            {
                case AdminCreated c:
                    writes.Add(BatchCommands.Of($"""
                        INSERT INTO {schema}.admins (email, role, domains, password_hash, created_by, created_at, version)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)
                        ON CONFLICT (email) DO UPDATE SET role = EXCLUDED.role, domains = EXCLUDED.domains, password_hash = EXCLUDED.password_hash,
                            created_by = EXCLUDED.created_by, created_at = EXCLUDED.created_at, removed_at = NULL, version = EXCLUDED.version,
                            disabled_at = NULL, failures = 0, last_failure = NULL, locked_until = NULL, lock_level = 0, second_factor = NULL
                        """, c.Email, c.Role, c.Domains.ToArray(), c.PasswordHash, c.By, c.At, e.Version));
                    break;
                case AdminPasswordSet p when email is not null:
                    writes.Add(BatchCommands.Of($"UPDATE {schema}.admins SET password_hash = $2, version = $3 WHERE email = $1",
                        email, p.PasswordHash, e.Version));
                    break;
                case AdminDisabled d when email is not null:
                    writes.Add(BatchCommands.Of($"UPDATE {schema}.admins SET disabled_at = $2, version = $3 WHERE email = $1", email, d.At, e.Version));
                    break;
                case AdminEnabled when email is not null:
                    writes.Add(BatchCommands.Of($"UPDATE {schema}.admins SET disabled_at = NULL, version = $2 WHERE email = $1", email, e.Version));
                    break;
                // The lockout of an admin folds as AccountLockout does an email user's.
                case LoginFailureCounted f when email is not null:
                    writes.Add(BatchCommands.Of($"UPDATE {schema}.admins SET failures = $2, lock_level = $3, last_failure = $4, version = $5 WHERE email = $1",
                        email, f.Count, f.Level, f.At, e.Version));
                    break;
                case AccountLocked l when email is not null:
                    writes.Add(BatchCommands.Of($"UPDATE {schema}.admins SET failures = 0, locked_until = $2, lock_level = $3, version = $4 WHERE email = $1",
                        email, l.Until, l.Level, e.Version));
                    break;
                case FailuresReset when email is not null:
                    writes.Add(BatchCommands.Of(
                        $"UPDATE {schema}.admins SET failures = 0, last_failure = NULL, locked_until = NULL, lock_level = 0, version = $2 WHERE email = $1",
                        email, e.Version));
                    break;
                case AdminRemoved r when email is not null:
                    writes.Add(BatchCommands.Of($"UPDATE {schema}.admins SET removed_at = $2, version = $3 WHERE email = $1",
                        email, r.At, e.Version));
                    break;
            }
        }
    }

    internal static SecondFactor ReadSecondFactor(string json) => JsonSerializer.Deserialize<SecondFactor>(json, Json) ?? SecondFactor.Initial;

    /// <summary>An admin's second factor folds as an email user's: from the stored state, by <see cref="SecondFactor.Apply"/>.</summary>
    private async Task ApplySecondFactorsAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, ProjectionWrites writes, CancellationToken cancellationToken)
    {
        var changed = events.Where(e => e.StreamId.StartsWith("admin/", StringComparison.Ordinal)
            && e.Data is TotpEnrollmentStarted or TotpConfirmed or TotpCodeUsed or RecoveryCodeUsed or TotpDisabled or TotpCodeRejected or TotpSecretsReprotected).GroupBy(e => e.StreamId["admin/".Length..]).ToList();
        if (changed.Count == 0)
        {
            return;
        }

        var current = new Dictionary<string, SecondFactor>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand($"SELECT email, second_factor::text FROM {schema}.admins WHERE email = ANY($1)", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = changed.Select(c => c.Key).ToArray() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                current[reader.GetString(0)] = reader.IsDBNull(1) ? SecondFactor.Initial : ReadSecondFactor(reader.GetString(1));
            }
        }

        foreach (var admin in changed)
        {
            var state = admin.Aggregate(current.GetValueOrDefault(admin.Key, SecondFactor.Initial), (s, e) => s.Apply(e.Data));
            writes.Add(BatchCommands.Of($"UPDATE {schema}.admins SET second_factor = $2, version = $3 WHERE email = $1", admin.Key,
                new NpgsqlParameter { Value = JsonSerializer.Serialize(state, Json), NpgsqlDbType = NpgsqlDbType.Jsonb }, admin.Last().Version));
        }
    }

    public async Task ResetAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"TRUNCATE {schema}.admins", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
