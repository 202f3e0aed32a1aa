using System.Globalization;
using Platform.Directory.Mapping;

namespace Platform.Directory.Search;

/// <summary>Decides how to ask for changes since a mark, or that a full sync is needed instead.</summary>
internal static class ChangeQueries
{
    /// <summary>
    /// Why <paramref name="since"/> cannot be used with the domain's change tracking, or against the server that
    /// answers (<paramref name="server"/>; null while it is not known yet), or null when it can.
    /// </summary>
    public static string? FullSyncReason(ChangeMark since, ChangeTracking tracking, string? server) => (since, tracking) switch
    {
        (UsnChangeMark usn, ChangeTracking.UsnChanged) when server is not null && !string.Equals(usn.Server, server, StringComparison.OrdinalIgnoreCase) =>
            $"The change mark belongs to {usn.Server}, but the directory answered from {server}: USNs are local to each domain controller.",
        (UsnChangeMark, ChangeTracking.UsnChanged) => null,
        (TimestampChangeMark, ChangeTracking.ModifyTimestamp) => null,
        _ => $"The change mark ({since.Serialize()}) does not fit the domain's change tracking ({tracking}); the settings changed.",
    };

    /// <summary>The filter clause selecting entries changed after the mark.</summary>
    public static string Clause(ChangeMark since) => since switch
    {
        // uSNChanged of an entry is the USN of its last change: everything after the mark is above it.
        UsnChangeMark usn => $"(uSNChanged>={(usn.Usn + 1).ToString(CultureInfo.InvariantCulture)})",
        TimestampChangeMark time => $"(modifyTimestamp>={GeneralizedTime.Format(time.Since)})",
        _ => throw new ArgumentOutOfRangeException(nameof(since)),
    };
}
