using Platform.Auth.Accounts;

namespace Platform.Auth.Mfa;

/// <summary>An account's TOTP second factor: a pending enrollment, or an enabled secret with its spent codes.</summary>
public sealed record SecondFactor(string? PendingSecret, string? Secret, long? LastUsedStep, IReadOnlyList<string> RecoveryCodeHashes)
{
    public static SecondFactor Initial { get; } = new(null, null, null, []);

    public bool Enabled => Secret is not null;

    /// <summary>Wrong codes given to confirm or disable since the last code that worked, and when the last was.</summary>
    public CodeFailures Failures { get; init; } = CodeFailures.None;

    public SecondFactor Apply(CredentialEvent @event) => @event switch
    {
        TotpEnrollmentStarted e => this with { PendingSecret = e.ProtectedSecret },
        TotpConfirmed e => new SecondFactor(null, PendingSecret, LastUsedStep, e.RecoveryCodeHashes),
        TotpCodeUsed e => this with { LastUsedStep = Math.Max(e.Step, LastUsedStep ?? long.MinValue), Failures = CodeFailures.None },
        RecoveryCodeUsed e => this with { RecoveryCodeHashes = [.. RecoveryCodeHashes.Where(h => h != e.Hash)], Failures = CodeFailures.None },
        TotpCodeRejected e => this with { Failures = new CodeFailures(e.Failures, e.At) },
        TotpDisabled => Initial with { LastUsedStep = LastUsedStep },
        TotpSecretsReprotected e => this with { PendingSecret = e.PendingSecret, Secret = e.Secret },
        _ => this,
    };
}

/// <summary>Wrong codes to confirm or disable, counted until a code works.</summary>
public sealed record CodeFailures(int Count, DateTimeOffset? Last)
{
    public static CodeFailures None { get; } = new(0, null);
}
