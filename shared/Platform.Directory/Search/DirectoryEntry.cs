using System.Text;

namespace Platform.Directory.Search;

/// <summary>
/// What a user search yields for each entry: a <see cref="DirectoryUser"/>, or an <see cref="EntryProblem"/> when
/// that one entry cannot be used. A malformed entry never fails the whole search.
/// </summary>
public abstract record DirectoryEntry(string Dn);

/// <summary>A user as the platform sees it, whatever the directory kind.</summary>
/// <param name="Id">Stable id: objectGUID as a GUID string, or entryUUID; survives renames and moves.</param>
/// <param name="Dn">The entry's DN (changes on rename or move).</param>
/// <param name="Login">The value of the login attribute (SearchAttribute), or null when the entry has none.</param>
/// <param name="PrimaryAddress">Lower-cased primary e-mail address.</param>
/// <param name="Aliases">Further addresses: lower-cased, distinct, never the primary address.</param>
/// <param name="DisplayName">displayName, else cn, else null.</param>
/// <param name="Disabled">Whether the account is disabled by the kind's rule; the caller decides what that means.</param>
/// <param name="ChangeMarker">uSNChanged or modifyTimestamp as the directory wrote it.</param>
public sealed record DirectoryUser(
    string Id,
    string Dn,
    string? Login,
    string PrimaryAddress,
    IReadOnlyList<string> Aliases,
    string? DisplayName,
    bool Disabled,
    string? ChangeMarker) : DirectoryEntry(Dn)
{
    /// <summary>The primary address and the aliases.</summary>
    public IEnumerable<string> AllAddresses() => Aliases.Prepend(PrimaryAddress);

    /// <summary>Equal when every field is, the aliases compared in order (not as list references).</summary>
    public bool Equals(DirectoryUser? other) =>
        other is not null
        && base.Equals(other)
        && Id == other.Id
        && Login == other.Login
        && PrimaryAddress == other.PrimaryAddress
        && Aliases.SequenceEqual(other.Aliases)
        && DisplayName == other.DisplayName
        && Disabled == other.Disabled
        && ChangeMarker == other.ChangeMarker;

    public override int GetHashCode() => HashCode.Combine(Id, Dn, PrimaryAddress, Aliases.Count);

    protected override bool PrintMembers(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append($"Id = {Id}, Dn = {Dn}, Login = {Login}, PrimaryAddress = {PrimaryAddress}, Aliases = [{string.Join(", ", Aliases)}], ")
            .Append($"DisplayName = {DisplayName}, Disabled = {Disabled}, ChangeMarker = {ChangeMarker}");
        return true;
    }
}

/// <summary>An entry that matched the user filter but cannot be used as a user, and why.</summary>
public sealed record EntryProblem(string Dn, string Code, string Message) : DirectoryEntry(Dn);

/// <summary>The stable codes of <see cref="EntryProblem"/>.</summary>
public static class EntryProblemCodes
{
    public const string MissingId = "missing_id";
    public const string NoAddress = "no_address";
    public const string InvalidAddress = "invalid_address";
}
