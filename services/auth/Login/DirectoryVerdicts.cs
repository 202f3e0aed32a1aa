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
    public static string? Refusal(PasswordCheck check, string address)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.Outcome switch
        {
            PasswordOutcome.WrongPassword => FailureReasons.WrongPassword,
            PasswordOutcome.EmptyPassword => FailureReasons.EmptyPassword,
            PasswordOutcome.AmbiguousLogin => FailureReasons.AmbiguousLogin,
            PasswordOutcome.Verified when check.User is null => FailureReasons.UnknownUser,
            PasswordOutcome.Verified when !check.User.AllAddresses().Contains(address, StringComparer.OrdinalIgnoreCase) => FailureReasons.AddressMismatch,
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
}
