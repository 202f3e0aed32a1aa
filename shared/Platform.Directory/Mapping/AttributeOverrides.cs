namespace Platform.Directory.Mapping;

/// <summary>
/// A domain's changes to its kind's <see cref="AttributeMapping"/>; null keeps the default. E.g. an Active Directory
/// kind tested against OpenLDAP overrides <see cref="Id"/> with <c>entryUUID</c>, since objectGUID cannot exist there.
/// </summary>
public sealed record AttributeOverrides
{
    public string? Id { get; init; }

    public string? Mail { get; init; }

    public IReadOnlyList<string>? Aliases { get; init; }

    public IReadOnlyList<string>? DisplayName { get; init; }

    public DisabledRule? Disabled { get; init; }

    public ChangeTracking? Changes { get; init; }

    public string? UserFilter { get; init; }
}
