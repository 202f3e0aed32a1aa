using Platform.Auth.Accounts;

namespace Platform.Auth.Mfa;

/// <summary>The user began enrolling an authenticator; the secret is encrypted under the platform key, bound to the account.</summary>
public sealed record TotpEnrollmentStarted(string ProtectedSecret, DateTimeOffset At) : CredentialEvent;

/// <summary>A first code proved the app has the secret: the second factor is on. Only the recovery codes' hashes are kept.</summary>
public sealed record TotpConfirmed(IReadOnlyList<string> RecoveryCodeHashes, DateTimeOffset At) : CredentialEvent;

/// <summary>The code of <paramref name="Step"/> was used (to confirm, log in or disable): it and older ones are spent.</summary>
public sealed record TotpCodeUsed(long Step, DateTimeOffset At) : CredentialEvent;

/// <summary>A recovery code was used; it is spent.</summary>
public sealed record RecoveryCodeUsed(string Hash, DateTimeOffset At) : CredentialEvent;

/// <summary>The second factor is off.</summary>
public sealed record TotpDisabled(DateTimeOffset At) : CredentialEvent;

/// <summary>
/// A wrong code was given to confirm or disable the second factor (<paramref name="Purpose"/>: <c>confirm</c> or
/// <c>disable</c>): counted, so that a session cannot try the million codes. <paramref name="Failures"/> is the count
/// with this one (a count older than the attempt window started again at one).
/// </summary>
public sealed record TotpCodeRejected(string Purpose, int Failures, DateTimeOffset At) : CredentialEvent;

/// <summary>
/// The account's TOTP secrets were protected again with the current platform key (after a key rotation); the values
/// inside are unchanged.
/// </summary>
public sealed record TotpSecretsReprotected(string? PendingSecret, string? Secret, DateTimeOffset At) : CredentialEvent;
