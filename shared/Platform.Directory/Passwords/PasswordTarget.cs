using System.Globalization;
using System.Text;
using Platform.Directory.Search;

namespace Platform.Directory.Passwords;

/// <summary>
/// Whom a password check would bind as, known before any bind (<see cref="DirectoryClient.FindPasswordTargetAsync"/>):
/// the entry the service account found, or the bind name the template makes of a login; or why there is nobody.
/// </summary>
public sealed record PasswordTarget
{
    private PasswordTarget(string? bindName, DirectoryUser? user, string? login, PasswordOutcome? refusal)
    {
        BindName = bindName;
        User = user;
        Login = login;
        Refusal = refusal;
    }

    /// <summary>The DN (or user@domain, DOMAIN\user) to bind as; null when nobody was found.</summary>
    public string? BindName { get; }

    /// <summary>The entry, when the service account found it (null for a bind template: read after the bind).</summary>
    public DirectoryUser? User { get; }

    /// <summary>Why there is nobody to bind as (<see cref="PasswordOutcome.UnknownUser"/>, <see cref="PasswordOutcome.AmbiguousLogin"/>).</summary>
    public PasswordOutcome? Refusal { get; }

    public bool Found => BindName is not null;

    /// <summary>
    /// The directory entry, by what does not change with the address typed: its stable id (objectGUID, entryUUID) when
    /// the service account found it, else the bind name the template made (compatibility-normalized, lower case).
    /// Aliases and case or width variants of one address give one key, so guesses at them share one count.
    /// </summary>
    public string? EntryKey => User is { } user ? "id:" + user.Id
        : BindName is { } name ? "name:" + name.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture)
        : null;

    /// <summary>The login a template bind reads the user's entry by, after binding.</summary>
    internal string? Login { get; }

    public static PasswordTarget Of(DirectoryUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Dn, user, null, null);
    }

    internal static PasswordTarget ByTemplate(string bindName, string login) => new(bindName, null, login, null);

    internal static PasswordTarget Nobody(PasswordOutcome refusal) => new(null, null, null, refusal);
}
