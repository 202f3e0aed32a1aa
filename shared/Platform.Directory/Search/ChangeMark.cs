using System.Globalization;

namespace Platform.Directory.Search;

/// <summary>
/// A high-water mark for "what changed since": read with <c>ReadChangeMarkAsync</c> BEFORE a sync, stored with the
/// sync's result, and passed to the next changed-users query. <see cref="Serialize"/> and <see cref="Parse"/> store it.
/// </summary>
public abstract record ChangeMark
{
    public abstract string Serialize();

    public static ChangeMark Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("usn:", StringComparison.Ordinal))
        {
            var parts = text.Split(':', 3);
            if (parts.Length == 3 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var usn) && parts[2].Length > 0)
            {
                return new UsnChangeMark(parts[2], usn);
            }
        }
        else if (text.StartsWith("time:", StringComparison.Ordinal) && GeneralizedTime.TryParse(text[5..], out var since))
        {
            return new TimestampChangeMark(since);
        }

        throw new FormatException($"'{text}' is not a change mark.");
    }
}

/// <summary>
/// Active Directory: the domain controller's highestCommittedUSN. USNs are local to one DC, so the mark is only valid
/// against <see cref="Server"/> (its dnsHostName); asking another DC for changes since it requires a full sync.
/// </summary>
public sealed record UsnChangeMark(string Server, long Usn) : ChangeMark
{
    public override string Serialize() => $"usn:{Usn.ToString(CultureInfo.InvariantCulture)}:{Server}";
}

/// <summary>
/// OpenLDAP, Zimbra: entries whose modifyTimestamp is at or after <see cref="Since"/> (whole seconds, UTC). Taken
/// from the server's clock when it publishes one, else from ours minus a skew allowance; entries modified in the same
/// second are returned again, which is harmless because consumers are idempotent.
/// </summary>
public sealed record TimestampChangeMark(DateTimeOffset Since) : ChangeMark
{
    public override string Serialize() => "time:" + GeneralizedTime.Format(Since);
}

/// <summary>Thrown by a changed-users query when the mark cannot be used and the caller must run a full sync.</summary>
public sealed class FullSyncRequiredException(string reason) : Exception(reason);
