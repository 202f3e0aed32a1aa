using Marten;
using Npgsql;
using Platform.ServiceDefaults.Http;

namespace Platform.DirectorySync.Settings;

/// <summary>
/// Which login suffixes each domain claims (table <c>login_suffixes</c>), so that one domain cannot claim a domain
/// served here or a suffix another domain claimed: its directory would otherwise check (and collect) the other
/// domain's logins.
/// </summary>
public sealed class LoginSuffixClaims(NpgsqlDataSource data, IDocumentStore store)
{
    /// <summary>
    /// Those of <paramref name="suffixes"/> that <paramref name="domain"/> may not claim: another domain with directory
    /// settings or users here, or a suffix another domain claims.
    /// </summary>
    public async Task<IReadOnlyList<string>> TakenAsync(string domain, IReadOnlyList<string> suffixes, CancellationToken cancellationToken)
    {
        if (suffixes.Count == 0)
        {
            return [];
        }

        var schema = store.Options.DatabaseSchemaName;
        await using var command = data.CreateCommand($"""
            SELECT s FROM unnest($2::text[]) AS s
            WHERE s <> $1 AND (
                EXISTS (SELECT 1 FROM {schema}.sync_schedule WHERE domain = s)
                OR EXISTS (SELECT 1 FROM {schema}.registry_users WHERE domain = s)
                OR EXISTS (SELECT 1 FROM {schema}.login_suffixes WHERE domain <> $1 AND s = ANY (suffixes)))
            ORDER BY s
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = domain });
        command.Parameters.Add(new NpgsqlParameter { Value = suffixes.ToArray() });
        var taken = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            taken.Add(reader.GetString(0));
        }

        return taken;
    }

    public static FieldProblem Refusal(IReadOnlyList<string> taken) => new("loginSuffixes", DirectorySettingsFieldCodes.LoginSuffixTaken,
        $"{string.Join(", ", taken)}: another domain served here, or a suffix another domain claims. A domain claims only its own directory's suffixes.");
}
