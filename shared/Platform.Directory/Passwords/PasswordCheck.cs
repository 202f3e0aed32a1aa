using Platform.Directory.Search;

namespace Platform.Directory.Passwords;

public enum PasswordOutcome
{
    /// <summary>The directory accepted the password. The user may still be <see cref="DirectoryUser.Disabled"/>.</summary>
    Verified,

    /// <summary>The directory rejected the password (or, for Active Directory, the account is locked or expired).</summary>
    WrongPassword,

    /// <summary>No password was given. Never sent to the directory: an empty password is an anonymous bind, which succeeds.</summary>
    EmptyPassword,

    /// <summary>No (usable) user has this login.</summary>
    UnknownUser,

    /// <summary>Several users have this login; none is checked.</summary>
    AmbiguousLogin,

    /// <summary>
    /// The password holds a control character (see <see cref="BindPasswords.IsUsable"/>). Never sent to the directory:
    /// libldap would cut it at a NUL.
    /// </summary>
    UnusablePassword,
}

/// <summary>The result of checking a user's password by binding as them; <see cref="User"/> when the user could be read.</summary>
public sealed record PasswordCheck(PasswordOutcome Outcome, DirectoryUser? User = null)
{
    public bool IsVerified => Outcome == PasswordOutcome.Verified;
}
