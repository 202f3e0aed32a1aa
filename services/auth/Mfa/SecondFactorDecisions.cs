namespace Platform.Auth.Mfa;

/// <summary>What a code does to the second factor, pure: the caller decrypts the secret and gives the time.</summary>
public static class SecondFactorDecisions
{
    public const string AlreadyEnabled = "totp_already_enabled";
    public const string NotPending = "totp_not_pending";
    public const string NotEnabled = "totp_not_enabled";
    public const string Invalid = "mfa_invalid";

    /// <summary>Starts (or restarts) an enrollment with a new encrypted secret; refused while a second factor is on.</summary>
    public static MfaDecision Start(SecondFactor state, string protectedSecret, DateTimeOffset now) =>
        state.Enabled ? MfaDecision.Refused(AlreadyEnabled) : new MfaDecision([new TotpEnrollmentStarted(protectedSecret, now)], null);

    /// <summary>A correct code from the app turns the second factor on, with the hashes of new recovery codes.</summary>
    public static MfaDecision Confirm(SecondFactor state, byte[]? pendingSecret, string? code, IReadOnlyList<string> recoveryCodes, DateTimeOffset now)
    {
        if (state.PendingSecret is null || pendingSecret is null)
        {
            return MfaDecision.Refused(NotPending);
        }

        return TotpCodes.Match(pendingSecret, code, now, state.LastUsedStep) is { } step
            ? new MfaDecision([new TotpConfirmed([.. recoveryCodes.Select(RecoveryCodes.Hash)], now), new TotpCodeUsed(step, now)], null)
            : MfaDecision.Refused(Invalid);
    }

    /// <summary>A login's second factor: a current TOTP code not used before, or an unused recovery code.</summary>
    public static MfaDecision Verify(SecondFactor state, byte[]? secret, string? code, DateTimeOffset now)
    {
        if (!state.Enabled || secret is null)
        {
            return MfaDecision.Refused(NotEnabled);
        }

        if (TotpCodes.Match(secret, code, now, state.LastUsedStep) is { } step)
        {
            return new MfaDecision([new TotpCodeUsed(step, now)], null);
        }

        return RecoveryCodes.Match(code, state.RecoveryCodeHashes) is { } hash
            ? new MfaDecision([new RecoveryCodeUsed(hash, now)], null)
            : MfaDecision.Refused(Invalid);
    }

    /// <summary>Turning the second factor off takes a valid code too, so a stolen session alone cannot remove it.</summary>
    public static MfaDecision Disable(SecondFactor state, byte[]? secret, string? code, DateTimeOffset now)
    {
        var verified = Verify(state, secret, code, now);
        return verified.Problem is null ? new MfaDecision([.. verified.Events, new TotpDisabled(now)], null) : verified;
    }
}

/// <summary>The events a decision records, or the problem code that refused it.</summary>
public sealed record MfaDecision(IReadOnlyList<object> Events, string? Problem)
{
    public static MfaDecision Refused(string problem) => new([], problem);
}
