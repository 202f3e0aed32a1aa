using Platform.Auth.Accounts;

namespace Platform.Auth.Mfa;

/// <summary>What a code does to the second factor, pure: the caller decrypts the secret and gives the time.</summary>
public static class SecondFactorDecisions
{
    public const string AlreadyEnabled = "totp_already_enabled";
    public const string NotPending = "totp_not_pending";
    public const string NotEnabled = "totp_not_enabled";
    public const string Invalid = "mfa_invalid";
    public const string AttemptsExceeded = "mfa_attempts_exceeded";

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

    /// <summary>
    /// Confirming or disabling (<paramref name="decision"/>, for <paramref name="purpose"/>) within the limit of wrong
    /// codes: past it, refused (<see cref="AttemptsExceeded"/>, whatever the code) until the window has passed since the
    /// last wrong one; a wrong code is recorded with the count it makes.
    /// </summary>
    public static MfaDecision Limited(MfaDecision decision, CodeFailures failures, string purpose, CodeAttemptLimit limit, DateTimeOffset now)
    {
        var recent = failures.Last is { } last && now - last < limit.Window ? failures.Count : 0;
        if (recent >= limit.Allowed)
        {
            return MfaDecision.Refused(AttemptsExceeded) with { RetryAfter = failures.Last!.Value + limit.Window - now };
        }

        return decision.Problem == Invalid ? decision with { Events = [new TotpCodeRejected(purpose, recent + 1, now)] } : decision;
    }

    /// <summary>Turning the second factor off takes a valid code too, so a stolen session alone cannot remove it.</summary>
    public static MfaDecision Disable(SecondFactor state, byte[]? secret, string? code, DateTimeOffset now)
    {
        var verified = Verify(state, secret, code, now);
        return verified.Problem is null ? new MfaDecision([.. verified.Events, new TotpDisabled(now)], null) : verified;
    }
}

/// <summary>The events a decision records, or the problem code that refused it (a refusal may record events too).</summary>
public sealed record MfaDecision(IReadOnlyList<CredentialEvent> Events, string? Problem)
{
    /// <summary>With <see cref="SecondFactorDecisions.AttemptsExceeded"/>: how long until a code may be tried again.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static MfaDecision Refused(string problem) => new([], problem);
}

/// <summary>How many wrong codes to confirm or disable an account may give within a window.</summary>
public sealed record CodeAttemptLimit(int Allowed, TimeSpan Window);
