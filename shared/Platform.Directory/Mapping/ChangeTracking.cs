namespace Platform.Directory.Mapping;

/// <summary>How a directory tells which entries changed since the last sync.</summary>
public enum ChangeTracking
{
    /// <summary>
    /// Active Directory's <c>uSNChanged</c>: a counter local to each domain controller, so a high-water mark is only
    /// meaningful against the server that issued it (<see cref="Search.UsnChangeMark"/>).
    /// </summary>
    UsnChanged,

    /// <summary><c>modifyTimestamp</c> (GeneralizedTime, one-second resolution): OpenLDAP, Zimbra.</summary>
    ModifyTimestamp,
}
