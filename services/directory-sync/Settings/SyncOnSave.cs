using System.Text.Json;

namespace Platform.DirectorySync.Settings;

/// <summary>
/// Whether saving a domain's settings starts a full sync at once instead of waiting for the schedule: when automatic
/// sync is on and it was just turned on, or the domain was just configured, or anything that decides which users are
/// read changed — the connection, the service account, the base DN, the filter, the attribute mapping. Changing only
/// the schedule, the deletion threshold, the timeouts or how logins are verified leaves the directory as it is.
/// </summary>
public static class SyncOnSave
{
    public static bool Needed(SavedSettings? before, SavedSettings after, bool newBindPassword)
    {
        if (!after.AutomaticSync)
        {
            return false;
        }

        return before is not { AutomaticSync: true } || newBindPassword || Reading(before) != Reading(after);
    }

    /// <summary>The settings that decide which users a sync reads, as one comparable value.</summary>
    private static string Reading(SavedSettings s) => JsonSerializer.Serialize(new
    {
        s.Kind, s.Host, s.Port, s.Security, s.CaCertificatePem, s.FailoverHost, s.BindDn, s.BaseDn, s.ExtraFilter, s.Attributes,
    });
}
