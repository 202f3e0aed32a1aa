namespace Platform.Auth.Login;

/// <summary>The stable <c>code</c>s of a refused login, and the <c>LoginFailed</c> reasons behind them.</summary>
public static class LoginProblems
{
    public const string InvalidEmail = "invalid_email";
    public const string InvalidCredentials = "invalid_credentials";
    public const string MfaRequired = "mfa_required";
    public const string MfaInvalid = "mfa_invalid";
    public const string Inactive = "inactive";
    public const string DisabledInDirectory = "disabled_in_directory";
    public const string Locked = "locked";
    public const string TooManyAttempts = "too_many_attempts";
    public const string DirectoryUnavailable = "directory_unavailable";
}

/// <summary>Why a login failed, in <c>LoginFailed.Reason</c>: finer than the code the client gets.</summary>
public static class FailureReasons
{
    public const string WrongPassword = "wrong_password";
    public const string UnknownUser = "unknown_user";
    public const string AmbiguousLogin = "ambiguous_login";
    public const string EmptyPassword = "empty_password";
    public const string UnusablePassword = "unusable_password";
    public const string UnknownDomain = "unknown_domain";
    public const string AddressMismatch = "address_mismatch";
}
