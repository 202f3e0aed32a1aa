namespace Platform.Directory.Mapping;

/// <summary>
/// Which attributes of an entry give a user's id, addresses, name, state and change marker. Each
/// <see cref="DirectoryKind"/> has defaults (<see cref="DirectoryKindDefaults"/>); a domain may override any of them
/// (<see cref="AttributeOverrides"/>).
/// </summary>
public sealed record AttributeMapping
{
    /// <summary>The stable id. <c>objectGUID</c> is read as 16 bytes and formatted as a GUID; anything else as text.</summary>
    public required string Id { get; init; }

    /// <summary>The login attribute used when the settings do not name one (SearchAttribute).</summary>
    public required string Login { get; init; }

    /// <summary>The primary address (its first value when multi-valued; later values count as aliases).</summary>
    public required string Mail { get; init; }

    /// <summary>
    /// Attributes holding further addresses. <c>proxyAddresses</c> is read the Exchange way: only <c>smtp:</c>/<c>SMTP:</c>
    /// values count, and the upper-case <c>SMTP:</c> one is the primary address.
    /// </summary>
    public required IReadOnlyList<string> Aliases { get; init; }

    /// <summary>The display name: the first of these attributes that has a value.</summary>
    public required IReadOnlyList<string> DisplayName { get; init; }

    public required DisabledRule Disabled { get; init; }

    public required ChangeTracking Changes { get; init; }

    /// <summary>Which entries are users, e.g. <c>(&amp;(objectCategory=person)(objectClass=user))</c>.</summary>
    public required string UserFilter { get; init; }

    /// <summary>Whether the id is Active Directory's binary objectGUID.</summary>
    public bool IdIsBinaryGuid => string.Equals(Id, "objectGUID", StringComparison.OrdinalIgnoreCase);

    /// <summary>The attribute holding the change marker.</summary>
    public string ChangeAttribute => Changes == ChangeTracking.UsnChanged ? "uSNChanged" : "modifyTimestamp";

    /// <summary>This mapping with every override that is set replacing the default.</summary>
    public AttributeMapping With(AttributeOverrides? overrides) => overrides is null ? this : this with
    {
        Id = overrides.Id ?? Id,
        Mail = overrides.Mail ?? Mail,
        Aliases = overrides.Aliases ?? Aliases,
        DisplayName = overrides.DisplayName ?? DisplayName,
        Disabled = overrides.Disabled ?? Disabled,
        Changes = overrides.Changes ?? Changes,
        UserFilter = overrides.UserFilter ?? UserFilter,
    };

    /// <summary>Every attribute a user search must return to map an entry.</summary>
    internal string[] AttributesToRead(string login) =>
        new[] { Id, login, Mail, ChangeAttribute }
            .Concat(Aliases)
            .Concat(DisplayName)
            .Concat(Disabled.Attribute is null ? [] : [Disabled.Attribute])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
}
