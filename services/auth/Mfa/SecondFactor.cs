namespace Platform.Auth.Mfa;

/// <summary>An account's TOTP second factor: a pending enrollment, or an enabled secret with its spent codes.</summary>
public sealed record SecondFactor(string? PendingSecret, string? Secret, long? LastUsedStep, IReadOnlyList<string> RecoveryCodeHashes)
{
    public static SecondFactor Initial { get; } = new(null, null, null, []);

    public bool Enabled => Secret is not null;

    public SecondFactor Apply(object @event) => @event switch
    {
        TotpEnrollmentStarted e => this with { PendingSecret = e.ProtectedSecret },
        TotpConfirmed e => new SecondFactor(null, PendingSecret, LastUsedStep, e.RecoveryCodeHashes),
        TotpCodeUsed e => this with { LastUsedStep = Math.Max(e.Step, LastUsedStep ?? long.MinValue) },
        RecoveryCodeUsed e => this with { RecoveryCodeHashes = [.. RecoveryCodeHashes.Where(h => h != e.Hash)] },
        TotpDisabled => Initial with { LastUsedStep = LastUsedStep },
        TotpSecretsReprotected e => this with { PendingSecret = e.PendingSecret, Secret = e.Secret },
        _ => this,
    };
}
