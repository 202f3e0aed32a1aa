using Npgsql;
using Platform.Auth.Accounts;
using Platform.Auth.Directories;
using Platform.Auth.Mfa;
using Platform.EventStore;
using Platform.Security.Secrets;

namespace Platform.Auth.Secrets;

/// <summary>
/// After <c>Secrets:EncryptionKey</c> was rotated: protects every TOTP secret still protected with a previous key
/// with the current one (<see cref="TotpSecretsReprotected"/> on the account), and counts the domains whose bind
/// password auth still holds under a previous key: those are protected again by directory-sync, whose reprotection
/// publishes the settings anew.
/// </summary>
public sealed class SecretReprotection(EventStore.EventStore store, NpgsqlDataSource data, SecretProtector protector, TimeProvider clock)
{
    public async Task<ReprotectionResult> RunAsync(CancellationToken cancellationToken)
    {
        var reprotected = 0;
        var current = 0;
        foreach (var streamId in await ColumnAsync(
            $"SELECT DISTINCT stream_id FROM {store.Options.Schema}.events WHERE type = 'totp-enrollment-started'", cancellationToken))
        {
            for (var attempt = 1; ; attempt++)
            {
                var account = await store.AggregateStreamAsync<Account>(streamId, cancellationToken);
                var factor = account.State.SecondFactor;
                if (factor.PendingSecret is null && factor.Secret is null)
                {
                    break;
                }

                if (IsCurrent(factor.PendingSecret) && IsCurrent(factor.Secret))
                {
                    current++;
                    break;
                }

                var (domain, email) = AccountStreams.Parse(streamId);
                var context = MfaService.Context(domain, email);
                var session = store.LightweightSession();
                session.Actor = "system:key-rotation";
                session.Events.Write(streamId, account.Version,
                    [new TotpSecretsReprotected(Reprotect(factor.PendingSecret, context), Reprotect(factor.Secret, context), clock.GetUtcNow())]);
                try
                {
                    await session.SaveChangesAsync(cancellationToken);
                    reprotected++;
                    break;
                }
                catch (ConcurrencyException) when (attempt < 3)
                {
                    // The user enrolled or logged in meanwhile: read again.
                }
            }
        }

        var awaiting = (await ColumnAsync(
                $"SELECT settings ->> 'protectedBindPassword' FROM {store.Options.Schema}.domain_directories WHERE settings ->> 'protectedBindPassword' IS NOT NULL",
                cancellationToken))
            .Count(value => !IsCurrent(value));
        return new ReprotectionResult(reprotected, current, awaiting);
    }

    private bool IsCurrent(string? protectedValue) => protectedValue is null || protector.IsProtectedWithCurrentKey(protectedValue);

    private string? Reprotect(string? protectedValue, string context) =>
        IsCurrent(protectedValue) ? protectedValue : protector.Protect(protector.Unprotect(protectedValue!, context), context);

    private async Task<List<string>> ColumnAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand(sql);
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}

/// <summary>
/// TOTP secrets protected again with the current key, those that already were, and the domains whose bind password
/// auth still holds under a previous key until directory-sync's reprotection reaches it.
/// </summary>
public sealed record ReprotectionResult(int Reprotected, int AlreadyCurrent, int DirectoriesAwaitingDirectorySync);
