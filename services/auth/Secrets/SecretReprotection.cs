using Marten;
using Npgsql;
using Platform.Auth.Accounts;
using Platform.Auth.Admins;
using Platform.Auth.Mfa;
using Platform.Outbox.Store;
using Platform.Security.Secrets;

namespace Platform.Auth.Secrets;

/// <summary>
/// After <c>Secrets:EncryptionKey</c> was rotated: protects every TOTP secret still protected with a previous key
/// with the current one (<see cref="TotpSecretsReprotected"/> on the email user's or the admin's stream), and counts the domains whose bind
/// password auth still holds under a previous key: those are protected again by directory-sync, whose reprotection
/// publishes the settings anew.
/// </summary>
public sealed class SecretReprotection(IDocumentStore store, NpgsqlDataSource data, AdminAccounts admins, SecretProtector protector, TimeProvider clock)
{
    private const string Actor = "system:key-rotation";

    private enum Outcome
    {
        None,
        Current,
        Reprotected,
    }

    public async Task<ReprotectionResult> RunAsync(CancellationToken cancellationToken)
    {
        var reprotected = 0;
        var current = 0;
        foreach (var streamId in await ColumnAsync(
            $"SELECT DISTINCT stream_id FROM {store.Options.DatabaseSchemaName}.mt_events WHERE type = 'totp-enrollment-started'", cancellationToken))
        {
            var outcome = streamId.StartsWith(AdminCreated.StreamId(""), StringComparison.Ordinal)
                ? await ReprotectAdminAsync(streamId[AdminCreated.StreamId("").Length..], cancellationToken)
                : await ReprotectAccountAsync(streamId, cancellationToken);
            reprotected += outcome == Outcome.Reprotected ? 1 : 0;
            current += outcome == Outcome.Current ? 1 : 0;
        }

        var awaiting = (await ColumnAsync(
                $"SELECT settings ->> 'protectedBindPassword' FROM {store.Options.DatabaseSchemaName}.domain_directories WHERE settings ->> 'protectedBindPassword' IS NOT NULL",
                cancellationToken))
            .Count(value => !IsCurrent(value));
        return new ReprotectionResult(reprotected, current, awaiting);
    }

    /// <summary>Decided on the account as fetched; decided again when the user enrolled or logged in meanwhile.</summary>
    private Task<Outcome> ReprotectAccountAsync(string streamId, CancellationToken cancellationToken)
    {
        var (domain, email) = AccountStreams.Parse(streamId);
        return store.HandleAsync<Account, Outcome>(streamId, (stream, _) =>
        {
            var factor = (stream.Aggregate ?? Account.Initial).SecondFactor;
            if (Reprotected(factor, MfaService.Context(domain, email)) is not { } changed)
            {
                return factor.PendingSecret is null && factor.Secret is null ? Outcome.None : Outcome.Current;
            }

            stream.AppendOne(changed);
            return Outcome.Reprotected;
        }, prepare: session => session.LastModifiedBy = Actor, cancellationToken: cancellationToken);
    }

    private async Task<Outcome> ReprotectAdminAsync(string email, CancellationToken cancellationToken)
    {
        try
        {
            return await admins.DecideAsync<Outcome>(email, Actor, admin => admin is null ? ([], Outcome.None)
                : Reprotected(admin.SecondFactor, AdminMfa.Context(email)) is { } changed ? ([changed], Outcome.Reprotected)
                : ([], admin.SecondFactor.PendingSecret is null && admin.SecondFactor.Secret is null ? Outcome.None : Outcome.Current), cancellationToken);
        }
        catch (Exception e) when (StoreErrors.IsConcurrencyConflict(e))
        {
            throw new InvalidOperationException($"The admin {email} changed three times while their secrets were being protected again; run the reprotection again.", e);
        }
    }

    /// <summary>The event that protects a second factor's secrets with the current key, or null when they are (or it has none).</summary>
    private TotpSecretsReprotected? Reprotected(SecondFactor factor, string context) =>
        IsCurrent(factor.PendingSecret) && IsCurrent(factor.Secret)
            ? null
            : new TotpSecretsReprotected(Reprotect(factor.PendingSecret, context), Reprotect(factor.Secret, context), clock.GetUtcNow());

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
