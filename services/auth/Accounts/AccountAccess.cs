using Platform.Auth.Login;
using Platform.Contracts;

namespace Platform.Auth.Accounts;

/// <summary>Whether what auth knows of a user lets them in, decided alike for every way in.</summary>
public static class AccountAccess
{
    /// <summary>
    /// The reason a login by <paramref name="method"/> (or a refresh) is refused, or null. A password login has just
    /// asked the directory itself, so only the registry's <c>inactive</c> counts; a login link or a refresh never
    /// reaches the directory and relies on what the last sync found: a disabled entry is refused as a password login
    /// would be (<c>disabled_in_directory</c>), a removed one as an unknown user (<c>invalid_credentials</c>).
    /// </summary>
    public static string? Refusal(Account account, string method) => account switch
    {
        { IsInactive: true } => LoginProblems.Inactive,
        _ when method == LoginMethods.Password => null,
        { DirectoryState: DirectoryStates.Disabled } => LoginProblems.DisabledInDirectory,
        { DirectoryState: DirectoryStates.Removed } => FailureReasons.UnknownUser,
        _ => null,
    };
}
