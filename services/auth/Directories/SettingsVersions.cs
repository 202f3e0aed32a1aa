using Npgsql;

namespace Platform.Auth.Directories;

/// <summary>What a <c>DirectorySettingsChanged</c> of a given version does to the settings auth keeps.</summary>
public enum SettingsVersionVerdict
{
    /// <summary>The next version, or the first auth hears of for the domain: kept.</summary>
    Apply,

    /// <summary>A version auth already has or has passed (a redelivery, a late copy): changes nothing.</summary>
    Ignore,

    /// <summary>A version past the next one: versions in between are missing, or someone forged a high version.</summary>
    Refuse,
}

/// <summary>
/// directory-sync numbers a domain's settings 1, 2, 3, … without gaps, so a version that jumps past the next one is
/// refused: a publisher with a forged high version would otherwise point the domain's logins anywhere, and every real
/// change after it would be ignored as old. Versions that arrive out of order are refused only until their
/// predecessor is in: the refusal is retried (<c>RetryPolicy</c>), and ends in the error queue if the gap stays.
/// </summary>
public static class SettingsVersions
{
    /// <param name="kept">The version auth keeps for the domain; null when it has none.</param>
    public static SettingsVersionVerdict Decide(long? kept, long incoming) => kept switch
    {
        // The first settings auth hears of may be any version (auth started after the domain's first saves).
        null => SettingsVersionVerdict.Apply,
        { } current when incoming <= current => SettingsVersionVerdict.Ignore,
        { } current when incoming == current + 1 => SettingsVersionVerdict.Apply,
        _ => SettingsVersionVerdict.Refuse,
    };

    /// <summary>The version of the domain's settings auth keeps (the inline projection, so as of the last commit).</summary>
    public static async Task<long?> KeptAsync(NpgsqlDataSource data, string schema, string domain, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand($"SELECT version FROM {schema}.domain_directories WHERE domain = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = domain });
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? version : null;
    }
}

/// <summary>A settings version past the next one; the message names both versions and goes to the error queue after retries.</summary>
public sealed class SettingsVersionGapException(string domain, long kept, long incoming)
    : Exception($"DirectorySettingsChanged for {domain} carries version {incoming}, but auth keeps version {kept}: only {kept + 1} may follow.");
