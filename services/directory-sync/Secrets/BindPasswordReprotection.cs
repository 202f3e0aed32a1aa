using Npgsql;
using Platform.DirectorySync.Settings;
using Marten;
using Platform.Outbox.Store;
using Platform.Security.Secrets;

namespace Platform.DirectorySync.Secrets;

/// <summary>
/// After <c>Secrets:EncryptionKey</c> was rotated: saves every domain's directory settings again whose bind password is
/// still protected with a previous key, so that it is protected with the current one. Each save publishes
/// <c>DirectorySettingsChanged</c> (the next version), which brings auth's copy under the new key too.
/// </summary>
public sealed class BindPasswordReprotection(IDocumentStore store, NpgsqlDataSource data, DirectorySettingsService settings, SecretProtector protector)
{
    public const string Actor = "system:key-rotation";

    private const int Attempts = 3;

    private enum Outcome { NoPassword, Current, Reprotected }

    public async Task<ReprotectionResult> RunAsync(CancellationToken cancellationToken)
    {
        var reprotected = 0;
        var current = 0;
        foreach (var domain in await DomainsAsync(cancellationToken))
        {
            // An admin who saves meanwhile wins the race: read again (their save may have protected it already).
            var outcome = await ConflictRetry.RunAsync(Attempts, async commit =>
            {
                var (directory, version) = await settings.ReadAsync(domain, cancellationToken);
                if (directory is not { Settings: { } saved, ProtectedBindPassword: { } stored })
                {
                    return Outcome.NoPassword;
                }

                if (protector.IsProtectedWithCurrentKey(stored))
                {
                    return Outcome.Current;
                }

                var password = protector.Unprotect(stored, DomainDirectory.PasswordContext(domain));
                await commit.CommitAsync(() => settings.SaveAsync(domain, saved, password, directory, version, Actor, cancellationToken));
                return Outcome.Reprotected;
            });
            reprotected += outcome == Outcome.Reprotected ? 1 : 0;
            current += outcome == Outcome.Current ? 1 : 0;
        }

        return new ReprotectionResult(reprotected, current);
    }

    private async Task<List<string>> DomainsAsync(CancellationToken cancellationToken)
    {
        var prefix = DomainDirectory.StreamId("");
        await using var command = data.CreateCommand(
            $"SELECT substr(id, {prefix.Length + 1}) FROM {store.Options.DatabaseSchemaName}.mt_streams WHERE id LIKE $1 ORDER BY 1");
        command.Parameters.Add(new NpgsqlParameter { Value = prefix + "%" });
        var domains = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            domains.Add(reader.GetString(0));
        }

        return domains;
    }
}

/// <summary>How many stored secrets were protected again with the current key, and how many already were.</summary>
public sealed record ReprotectionResult(int Reprotected, int AlreadyCurrent);
