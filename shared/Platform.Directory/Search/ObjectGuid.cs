namespace Platform.Directory.Search;

/// <summary>Active Directory's objectGUID: 16 bytes on the wire, shown by Windows tools as a GUID string.</summary>
public static class ObjectGuid
{
    /// <summary>
    /// The GUID string Windows shows (e.g. in ADSI Edit) for an objectGUID value. The bytes are in the
    /// little-endian-first-three-fields layout that <see cref="Guid(ReadOnlySpan{byte})"/> reads, so the text matches
    /// <c>Get-ADUser</c>'s ObjectGUID. Null when the value is not 16 bytes.
    /// </summary>
    public static string? Format(ReadOnlySpan<byte> value) => value.Length == 16 ? new Guid(value).ToString("D") : null;

    /// <summary>The objectGUID bytes for a GUID string, e.g. to search for one: the reverse of <see cref="Format"/>.</summary>
    public static byte[] ToBytes(Guid guid) => guid.ToByteArray();
}
