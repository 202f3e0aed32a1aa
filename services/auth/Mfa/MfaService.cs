using System.Security.Cryptography;
using Marten;
using Microsoft.Extensions.Options;
using OtpNet;
using Platform.Auth.Accounts;
using Platform.Outbox.Store;
using Platform.Security.Secrets;

namespace Platform.Auth.Mfa;

/// <summary>
/// Enrolling, confirming and disabling a user's TOTP second factor, and checking a login's code. Secrets are kept
/// encrypted under the platform key, bound to the account, and decrypted only to compute codes.
/// </summary>
public sealed class MfaService(IDocumentStore store, SecretProtector protector, IOptions<MfaOptions> options, TimeProvider clock)
{
    /// <summary>Whether the user's second factor is on, an enrollment waits for its first code, and how many recovery codes are left.</summary>
    public async Task<TotpStatus> StatusAsync(string domain, string email, CancellationToken cancellationToken)
    {
        await using var query = store.QuerySession();
        var factor = (await query.LoadAsync<Account>(AccountStreams.StreamId(domain, email), cancellationToken) ?? Account.Initial).SecondFactor;
        return new TotpStatus(factor.Enabled, factor.PendingSecret is not null, factor.Enabled ? factor.RecoveryCodeHashes.Count : 0);
    }

    /// <summary>A new secret for the user's app (and its <c>otpauth://</c> URI), or the problem code.</summary>
    public async Task<(Enrollment? Enrollment, string? Problem)> StartAsync(string domain, string email, CancellationToken cancellationToken)
    {
        var secret = Base32Encoding.ToString(RandomNumberGenerator.GetBytes(20));
        var decision = await DecideAsync(domain, email,
            account => SecondFactorDecisions.Start(account.SecondFactor, protector.Protect(secret, Context(domain, email)), clock.GetUtcNow()), cancellationToken);
        return decision.Problem is { } problem ? (null, problem) : (new Enrollment(secret, OtpAuthUri(email, secret)), null);
    }

    /// <summary>Turns the second factor on with a first code; the recovery codes to show once, or the refusal.</summary>
    public async Task<(IReadOnlyList<string>? RecoveryCodes, MfaDecision Decision)> ConfirmAsync(
        string domain, string email, string? code, CancellationToken cancellationToken)
    {
        var recovery = RecoveryCodes.New();
        var decision = await DecideAsync(domain, email, account => Limited(account.SecondFactor, "confirm", now =>
            SecondFactorDecisions.Confirm(account.SecondFactor, Reveal(account.SecondFactor.PendingSecret, domain, email), code, recovery, now)),
            cancellationToken);
        return (decision.Problem is null ? recovery : null, decision);
    }

    public async Task<MfaDecision> DisableAsync(string domain, string email, string? code, CancellationToken cancellationToken) =>
        await DecideAsync(domain, email, account => Limited(account.SecondFactor, "disable", now =>
            SecondFactorDecisions.Disable(account.SecondFactor, Reveal(account.SecondFactor.Secret, domain, email), code, now)),
            cancellationToken);

    /// <summary>A login's second factor, decided on the account as read; the caller records the events with the login.</summary>
    public MfaDecision VerifyLogin(Account account, string domain, string email, string? code) =>
        SecondFactorDecisions.Verify(account.SecondFactor, Reveal(account.SecondFactor.Secret, domain, email), code, clock.GetUtcNow());

    /// <summary>Decided on the account as fetched and recorded at its version; decided again when another write got there first.</summary>
    private Task<MfaDecision> DecideAsync(string domain, string email, Func<Account, MfaDecision> decide, CancellationToken cancellationToken) =>
        store.HandleAsync<Account, MfaDecision>(AccountStreams.StreamId(domain, email), (stream, _) =>
        {
            var decision = decide(stream.Aggregate ?? Account.Initial);
            stream.AppendMany(decision.Events);
            return decision;
        }, prepare: session => session.LastModifiedBy = "user:" + email, cancellationToken: cancellationToken);

    private MfaDecision Limited(SecondFactor state, string purpose, Func<DateTimeOffset, MfaDecision> decide)
    {
        var now = clock.GetUtcNow();
        return SecondFactorDecisions.Limited(decide(now), state.Failures, purpose,
            new CodeAttemptLimit(options.Value.CodeAttemptsAllowed, options.Value.CodeAttemptWindow), now);
    }

    private byte[]? Reveal(string? protectedSecret, string domain, string email) =>
        protectedSecret is null ? null : Base32Encoding.ToBytes(protector.Unprotect(protectedSecret, Context(domain, email)).Reveal());

    private string OtpAuthUri(string email, string secret) => OtpAuthUri(options.Value.Issuer, email, secret);

    /// <summary>The <c>otpauth://</c> URI of a secret, for a QR code (email users' and admins' alike).</summary>
    internal static string OtpAuthUri(string issuer, string email, string secret)
    {
        return $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(email)}?secret={secret}&issuer={Uri.EscapeDataString(issuer)}"
            + $"&algorithm=SHA1&digits={TotpCodes.Digits}&period={TotpCodes.Period}";
    }

    /// <summary>What protects a user's TOTP secret: a value encrypted for one account is useless for another.</summary>
    internal static string Context(string domain, string email) => $"totp/{domain}/{email}";
}

/// <summary>An email user's second factor as they may see it: never the secret.</summary>
public sealed record TotpStatus(bool Enabled, bool EnrollmentPending, int RecoveryCodesLeft);

/// <summary>What the user's authenticator app needs: the secret (base32) and the URI a QR code carries.</summary>
public sealed record Enrollment(string Secret, string OtpAuthUri)
{
    public override string ToString() => "totp enrollment";
}
