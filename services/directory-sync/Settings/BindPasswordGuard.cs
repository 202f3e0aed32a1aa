namespace Platform.DirectorySync.Settings;

/// <summary>
/// Where the saved service-account password may go: only to the connection it was saved for. Submitted settings that
/// name another host, failover host, port, security, CA or bind DN must bring the password again, or an admin could
/// point the test (or a save) at a server of their own and collect the saved one. Pure.
/// </summary>
public static class BindPasswordGuard
{
    /// <summary>
    /// The connection fields (JSON names) in which <paramref name="submitted"/> differs from <paramref name="saved"/>;
    /// empty when the saved password may be used for the submitted settings.
    /// </summary>
    public static IReadOnlyList<string> ChangedConnectionFields(SavedSettings saved, SavedSettings submitted)
    {
        var changed = new List<string>();
        // Host names are case-insensitive (RFC 4343); everything else must match as saved.
        if (!string.Equals(saved.Host, submitted.Host, StringComparison.OrdinalIgnoreCase))
        {
            changed.Add("host");
        }

        if (!string.Equals(saved.FailoverHost, submitted.FailoverHost, StringComparison.OrdinalIgnoreCase))
        {
            changed.Add("failoverHost");
        }

        if (saved.Port != submitted.Port)
        {
            changed.Add("port");
        }

        if (!string.Equals(saved.Security, submitted.Security, StringComparison.Ordinal))
        {
            changed.Add("security");
        }

        if (!string.Equals(saved.CaCertificatePem, submitted.CaCertificatePem, StringComparison.Ordinal))
        {
            changed.Add("caCertificatePem");
        }

        if (!string.Equals(saved.BindDn, submitted.BindDn, StringComparison.Ordinal))
        {
            changed.Add("bindDn");
        }

        return changed;
    }

    /// <summary>
    /// The connection fields that need the password again: those changed, when the document leaves the password out
    /// and one is saved; otherwise none.
    /// </summary>
    public static IReadOnlyList<string> FieldsNeedingPassword(DomainDirectory current, SavedSettings submitted, bool passwordGiven) =>
        passwordGiven || current.ProtectedBindPassword is null || current.Settings is not { } saved
            ? []
            : ChangedConnectionFields(saved, submitted);
}
