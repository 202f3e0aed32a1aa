using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OtpNet;
using Platform.Auth.Lockout;
using Platform.Auth.Mfa;
using Platform.Outbox.Store;
using Platform.Security.Secrets;

namespace Platform.Auth.Admins;

/// <summary>
/// An admin's TOTP second factor, on the admin's stream, with the email users' <see cref="SecondFactorDecisions"/>:
/// enrolling, confirming, disabling, and the code at login (a wrong one counts towards the lockout).
/// </summary>
public sealed class AdminMfa(AdminAccounts admins, SecretProtector protector, IOptions<MfaOptions> mfa, IOptions<Lockout.LockoutOptions> lockout, TimeProvider clock)
{
    public async Task<(Enrollment? Enrollment, string? Problem)> StartAsync(string email, CancellationToken cancellationToken)
    {
        var secret = Base32Encoding.ToString(RandomNumberGenerator.GetBytes(20));
        var decision = await DecideAsync(email, admin => SecondFactorDecisions.Start(admin.SecondFactor, protector.Protect(secret, Context(email)), clock.GetUtcNow()),
            cancellationToken);
        return decision.Problem is null ? (new Enrollment(secret, MfaService.OtpAuthUri(mfa.Value.Issuer, email, secret)), null) : (null, decision.Problem);
    }

    /// <summary>Turns the second factor on with a first code, within the limit of wrong codes an email user has.</summary>
    public async Task<(IReadOnlyList<string>? RecoveryCodes, MfaDecision Decision)> ConfirmAsync(string email, string? code, CancellationToken cancellationToken)
    {
        var recovery = RecoveryCodes.New();
        var decision = await DecideAsync(email, admin => Limited(admin.SecondFactor, "confirm", now =>
                SecondFactorDecisions.Confirm(admin.SecondFactor, Reveal(admin.SecondFactor.PendingSecret, email), code, recovery, now)),
            cancellationToken);
        return (decision.Problem is null ? recovery : null, decision);
    }

    public Task<MfaDecision> DisableAsync(string email, string? code, CancellationToken cancellationToken) =>
        DecideAsync(email, admin => Limited(admin.SecondFactor, "disable", now =>
                SecondFactorDecisions.Disable(admin.SecondFactor, Reveal(admin.SecondFactor.Secret, email), code, now)),
            cancellationToken);

    /// <summary>
    /// The second factor of an admin whose password was right: null when the code is right (its use recorded), else the
    /// refusal's code (<c>mfa_required</c>, or <c>mfa_invalid</c>, counted as a failed login).
    /// </summary>
    public async Task<string?> VerifyLoginAsync(AdminAccount admin, string? code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return Login.LoginProblems.MfaRequired;
        }

        // Read again: the password check may just have written (failures forgotten, a hash upgraded).
        admin = await admins.FindAsync(admin.Email, cancellationToken) ?? admin;
        var now = clock.GetUtcNow();
        var verified = SecondFactorDecisions.Verify(admin.SecondFactor, Reveal(admin.SecondFactor.Secret, admin.Email), code, now);
        var events = verified.Problem is null ? verified.Events : LockoutDecisions.RecordFailure(admin.Lockout, Login.LoginProblems.MfaInvalid, now, lockout.Value);
        // A code's use is recorded at the version read: of two logins with the same code, one gets in.
        return await admins.AppendAsync(admin, "admin:" + admin.Email, events, cancellationToken) && verified.Problem is null
            ? null
            : Login.LoginProblems.MfaInvalid;
    }

    /// <summary>Decided on the admin as fetched and recorded at its version (a refusal may record a wrong code too).</summary>
    private async Task<MfaDecision> DecideAsync(string email, Func<AdminAccount, MfaDecision> decide, CancellationToken cancellationToken)
    {
        try
        {
            return await admins.DecideAsync<MfaDecision>(email, "admin:" + email, admin =>
            {
                if (admin is not { Removed: false })
                {
                    return ([], MfaDecision.Refused(SecondFactorDecisions.NotEnabled));
                }

                var decision = decide(admin);
                return (decision.Events, decision);
            }, cancellationToken);
        }
        catch (Exception e) when (StoreErrors.IsConcurrencyConflict(e))
        {
            return MfaDecision.Refused(SecondFactorDecisions.Invalid);
        }
    }

    private MfaDecision Limited(SecondFactor state, string purpose, Func<DateTimeOffset, MfaDecision> decide)
    {
        var now = clock.GetUtcNow();
        return SecondFactorDecisions.Limited(decide(now), state.Failures, purpose, new CodeAttemptLimit(mfa.Value.CodeAttemptsAllowed, mfa.Value.CodeAttemptWindow), now);
    }

    private byte[]? Reveal(string? protectedSecret, string email) =>
        protectedSecret is null ? null : Base32Encoding.ToBytes(protector.Unprotect(protectedSecret, Context(email)).Reveal());

    /// <summary>The encryption context of an admin's TOTP secrets.</summary>
    internal static string Context(string email) => $"totp/admin/{email}";
}
