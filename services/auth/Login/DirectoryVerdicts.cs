using Platform.Directory.Passwords;
using Platform.Directory.Search;

namespace Platform.Auth.Login;

/// <summary>What the directory's answer means for a login, pure.</summary>
public static class DirectoryVerdicts
{
    /// <summary>
    /// The <c>LoginFailed</c> reason when the directory did not let the user in (null when it did): a verified
    /// password counts only for an enabled entry that carries the address (in <c>mail</c> or an alias) — the entry
    /// decides which address a session belongs to, so a password of one user never opens another's mailbox.
    /// </summary>
    public static string? Refusal(PasswordCheck check, string? address)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.Outcome switch
        {
            // Active Directory refuses a disabled account's bind as a wrong password (49, data 533): the entry says why.
            PasswordOutcome.WrongPassword when check.User is { Disabled: true } => LoginProblems.DisabledInDirectory,
            PasswordOutcome.WrongPassword => FailureReasons.WrongPassword,
            PasswordOutcome.EmptyPassword => FailureReasons.EmptyPassword,
            PasswordOutcome.UnusablePassword => FailureReasons.UnusablePassword,
            PasswordOutcome.AmbiguousLogin => FailureReasons.AmbiguousLogin,
            PasswordOutcome.Verified when check.User is null => FailureReasons.UnknownUser,
            PasswordOutcome.Verified when address is not null && !check.User.AllAddresses().Contains(address, StringComparer.OrdinalIgnoreCase)
                => FailureReasons.AddressMismatch,
            PasswordOutcome.Verified when check.User.Disabled => LoginProblems.DisabledInDirectory,
            PasswordOutcome.Verified => null,
            _ => FailureReasons.UnknownUser,
        };
    }

    /// <summary>
    /// The address a verified login's session belongs to: the entry's primary address when it is in the domain logged
    /// into, else the address typed (an alias in this domain of a mailbox elsewhere).
    /// </summary>
    public static string SessionAddress(DirectoryUser user, string typed)
    {
        ArgumentNullException.ThrowIfNull(user);
        var primary = user.PrimaryAddress.ToLowerInvariant();
        return primary.EndsWith(typed[typed.LastIndexOf('@')..], StringComparison.Ordinal) ? primary : typed;
    }

    /// <summary>
    /// For a login by a suffix (<c>j.doe@corp.local</c>), the address in the served domain the entry has: its primary
    /// address, else its first alias there; null when it has none (then the login is refused).
    /// </summary>
    public static string? AddressIn(DirectoryUser user, string domain)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.AllAddresses().Select(a => a.ToLowerInvariant()).FirstOrDefault(a => a.EndsWith("@" + domain, StringComparison.Ordinal));
    }
}
