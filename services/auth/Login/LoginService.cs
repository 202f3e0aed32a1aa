using Marten;
using Microsoft.Extensions.Options;
using Platform.Auth.Accounts;
using Platform.Auth.Directories;
using Platform.Auth.Lockout;
using Platform.Auth.Mfa;
using Platform.Auth.Tokens;
using Platform.Contracts;
using Platform.Directory.Failures;
using Platform.Directory.Passwords;
using Platform.Directory.Search;
using Platform.Outbox.Store;
using Platform.Security;

namespace Platform.Auth.Login;

/// <summary>
/// Logs an email user in against their domain's directory. The password is checked by the directory alone and never
/// stored; a locked account or a client with too many failures never reaches the directory. Every attempt is recorded on the
/// account (events: failures, locks, logins) and announced (<c>LoginSucceeded</c> / <c>LoginFailed</c>, never with
/// the password) in one transaction.
/// </summary>
public sealed partial class LoginService(
    DomainDirectories directories, AccountService accounts, TokenService tokens, MfaService mfa, ClientFailures failures, IOptions<LockoutOptions> lockout,
    DirectoryEntryLimit entries, IDocumentStore store, TimeProvider clock, ILogger<LoginService> logger)
{
    private const int Attempts = 3;

    public async Task<LoginOutcome> LoginAsync(LoginRequest request, LoginClient client, CancellationToken cancellationToken)
    {
        var at = request.Email?.LastIndexOf('@') ?? -1;
        var domain = at > 0 ? DomainNames.Normalize(request.Email![(at + 1)..]) : null;
        if (domain is null || EmailAddresses.Normalize(request.Email, domain).Email is not { } email)
        {
            return LoginOutcome.Refused(StatusCodes.Status400BadRequest, LoginProblems.InvalidEmail, "Log in with your email address.");
        }

        if (failures.WaitFor(client.Key) is { } wait)
        {
            LogThrottled(domain);
            return LoginOutcome.TooManyAttempts(wait);
        }

        var password = request.Password?.Reveal();
        var directory = await directories.ForLoginAsync(domain, cancellationToken);
        // Failures count against what was typed, in the domain whose directory checks it.
        var attempt = new LoginAttempt(directory?.Domain ?? domain, email, LoginMethods.Password, client);
        if (string.IsNullOrWhiteSpace(password))
        {
            // An empty password is an anonymous bind, which many servers let through: it never reaches the directory.
            return await RefuseAsync(attempt, FailureReasons.EmptyPassword, cancellationToken);
        }

        if (!BindPasswords.IsUsable(password))
        {
            // libldap would cut it at a NUL ("\0x" binds anonymously, "right\0x" as "right"): never sent either.
            return await RefuseAsync(attempt, FailureReasons.UnusablePassword, cancellationToken);
        }

        if (directory is null)
        {
            return await RefuseAsync(attempt, FailureReasons.UnknownDomain, cancellationToken);
        }

        // Fetched before the bind and written after it: a login that raced this one makes the write fail, and it is decided again.
        await using var account = await accounts.FetchAsync(attempt.Domain, email, Actor(attempt), cancellationToken);
        if (LockoutDecisions.LockedFor(account.State.Lockout, clock.GetUtcNow()) is { } locked)
        {
            await AnnounceFailureAsync(attempt, LoginProblems.Locked, cancellationToken);
            return LoginOutcome.Refused(StatusCodes.Status423Locked, LoginProblems.Locked,
                "Too many failed logins: the account is locked for a while. Try again later.", locked);
        }

        // Held from the bind until a wrong password is counted on the account too: the next check of the same entry
        // (by any of its addresses) waits for both.
        DirectoryEntryTurn? turn = null;
        try
        {
            PasswordCheck check;
            try
            {
                (check, turn) = await VerifyAsync(directory, email, password, cancellationToken);
            }
            catch (DirectoryFailureException e)
            {
                LogDirectoryUnavailable(attempt.Domain, e.Failure.Code);
                await AnnounceFailureAsync(attempt, LoginProblems.DirectoryUnavailable, cancellationToken);
                return LoginOutcome.Refused(StatusCodes.Status503ServiceUnavailable, LoginProblems.DirectoryUnavailable,
                    "Your organisation's directory cannot be reached just now; your password was not checked. Try again in a moment.");
            }

            if (turn?.Wait is { } entryWait)
            {
                // The entry had its share of wrong passwords (over all its addresses): the directory was not asked.
                await turn.DisposeAsync();
                await AnnounceFailureAsync(attempt, LoginProblems.Locked, cancellationToken);
                return LoginOutcome.Refused(StatusCodes.Status423Locked, LoginProblems.Locked,
                    "Too many failed logins: the account is locked for a while. Try again later.", entryWait);
            }

            // The entry decides whose session this is: an alias logs in as its mailbox, a login by suffix as the entry's
            // address in the domain.
            var reason = DirectoryVerdicts.Refusal(check, directory.BySuffix ? null : email);
            var owner = reason is null
                ? directory.BySuffix ? DirectoryVerdicts.AddressIn(check.User!, directory.Domain) : DirectoryVerdicts.SessionAddress(check.User!, email)
                : null;
            if (reason is null && owner is null)
            {
                reason = FailureReasons.AddressMismatch;
            }

            if (reason is not null)
            {
                return reason == LoginProblems.DisabledInDirectory
                    ? await RefuseAsync(attempt, reason, cancellationToken)
                    : await CountFailureAsync(attempt, reason, account, cancellationToken);
            }

            if (turn is not null)
            {
                await turn.DisposeAsync();
            }

            var owned = attempt with { Email = owner! };
            return await SucceedAsync(owned, ["pwd"], request.Code, null, owned.Email == email ? account : null, cancellationToken);
        }
        finally
        {
            if (turn is not null)
            {
                await turn.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Finds whom to bind as — by the login the domain's settings make of what was typed; failing that (an alias, or an
    /// address the login attribute does not hold) with a service account, the entry that has the address — then binds
    /// in the entry's turn (<see cref="DirectoryEntryLimit"/>, returned for the caller to end): not at all once the entry
    /// has had its wrong passwords of the window (the turn's <see cref="DirectoryEntryTurn.Wait"/> says how long), and a
    /// wrong one is counted before the next check of the entry.
    /// </summary>
    private async Task<(PasswordCheck Check, DirectoryEntryTurn? Turn)> VerifyAsync(
        DirectoryForLogin directory, string typed, string password, CancellationToken cancellationToken)
    {
        var client = directory.Client;
        var target = await client.FindPasswordTargetAsync(DirectoryLogins.For(client.Settings, typed), cancellationToken);
        if (target.Refusal == PasswordOutcome.UnknownUser && client.Settings.HasServiceAccount && !directory.BySuffix
            && await client.FindUserByAddressAsync(typed, cancellationToken) is { Outcome: LookupOutcome.Found, User: { } owner })
        {
            target = PasswordTarget.Of(owner);
        }

        if (target.EntryKey is not { } entry)
        {
            return (await client.VerifyPasswordAsync(target, password, cancellationToken), null);
        }

        var turn = await entries.EnterAsync(directory.Domain, entry, cancellationToken);
        try
        {
            if (turn.Wait is not null)
            {
                return (new PasswordCheck(PasswordOutcome.WrongPassword), turn);
            }

            var check = await client.VerifyPasswordAsync(target, password, cancellationToken);
            if (check.Outcome == PasswordOutcome.WrongPassword)
            {
                await turn.CountWrongPasswordAsync(cancellationToken);
            }

            return (check, turn);
        }
        catch
        {
            await turn.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Lets in a user whose first factor (password, or login link) was verified — unless the account is locked or
    /// <see cref="AccountAccess.Refusal"/> keeps them out, and with the second factor's <paramref name="code"/> when they have one —
    /// recording the login with <paramref name="alsoRecord"/>'s changes in one transaction. Without a code nothing is
    /// recorded, so the user can send the same link or password again with one.
    /// </summary>
    internal Task<LoginOutcome> SucceedAsync(
        LoginAttempt attempt, IReadOnlyList<string> methods, string? code, Action<IDocumentSession>? alsoRecord, AccountWrite? read,
        CancellationToken cancellationToken) =>
        ConflictRetry.RunAsync(Attempts, async commit =>
        {
            await using var account = read ?? await accounts.FetchAsync(attempt.Domain, attempt.Email, Actor(attempt), cancellationToken);
            read = null;
            var now = clock.GetUtcNow();
            if (LockoutDecisions.LockedFor(account.State.Lockout, now) is { } locked)
            {
                await AnnounceFailureAsync(attempt, LoginProblems.Locked, cancellationToken);
                return LoginOutcome.Refused(StatusCodes.Status423Locked, LoginProblems.Locked,
                    "Too many failed logins: the account is locked for a while. Try again later.", locked);
            }

            if (AccountAccess.Refusal(account.State, attempt.Method) is { } refusal)
            {
                return await RefuseAsync(attempt, refusal, cancellationToken);
            }

            IReadOnlyList<CredentialEvent> secondFactor = [];
            var granted = methods;
            if (account.State.SecondFactor.Enabled)
            {
                if (string.IsNullOrWhiteSpace(code))
                {
                    return LoginOutcome.Refused(StatusCodes.Status401Unauthorized, LoginProblems.MfaRequired,
                        "Enter the six-digit code from your authenticator app (or a recovery code) with your login.");
                }

                var verified = mfa.VerifyLogin(account.State, attempt.Domain, attempt.Email, code);
                if (verified.Problem is not null)
                {
                    return await CountFailureAsync(attempt, LoginProblems.MfaInvalid, account, cancellationToken);
                }

                secondFactor = verified.Events;
                granted = [.. methods, "otp"];
            }

            account.Stream.AppendMany([.. LockoutDecisions.RecordSuccess(account.State.Lockout, now), .. secondFactor, new LoggedIn(attempt.Method, now)]);
            var session = account.Session;
            alsoRecord?.Invoke(session);
            var issued = tokens.Start(session, attempt.Domain, attempt.Email, granted);
            var succeeded = new LoginSucceeded
            {
                EventId = Guid.CreateVersion7(), OccurredAt = now, Domain = attempt.Domain, Email = attempt.Email, Method = attempt.Method,
                ClientAddress = attempt.Client.Address, FirstLogin = account.State.FirstLogin,
            };
            session.Publish(succeeded, succeeded.EventId, AccountStreams.StreamId(attempt.Domain, attempt.Email));
            await commit.CommitAsync(session, cancellationToken);
            return LoginOutcome.Success(issued);
        });

    /// <summary>A refusal that is not the user's guess (no password, disabled, inactive…): announced, never counted.</summary>
    internal async Task<LoginOutcome> RefuseAsync(LoginAttempt attempt, string reason, CancellationToken cancellationToken)
    {
        await AnnounceFailureAsync(attempt, reason, cancellationToken);
        return Refusal(reason);
    }

    /// <summary>A wrong credential: counted on the account (maybe locking it) and against the client, and announced.</summary>
    internal async Task<LoginOutcome> CountFailureAsync(LoginAttempt attempt, string reason, AccountWrite? read, CancellationToken cancellationToken)
    {
        failures.Failed(attempt.Client.Key);
        await ConflictRetry.RunAsync(Attempts, async commit =>
        {
            await using var account = read ?? await accounts.FetchAsync(attempt.Domain, attempt.Email, Actor(attempt), cancellationToken);
            read = null;
            account.Stream.AppendMany(LockoutDecisions.RecordFailure(account.State.Lockout, reason, clock.GetUtcNow(), lockout.Value));
            Announce(account.Session, attempt, reason);
            await commit.CommitAsync(account.Session, cancellationToken);
        });
        return Refusal(reason);
    }

    private static LoginOutcome Refusal(string reason) => reason switch
    {
        LoginProblems.Inactive => LoginOutcome.Refused(StatusCodes.Status403Forbidden, LoginProblems.Inactive,
            "Your administrator has turned off your access to the quarantine panel."),
        LoginProblems.DisabledInDirectory => LoginOutcome.Refused(StatusCodes.Status403Forbidden, LoginProblems.DisabledInDirectory,
            "Your account is disabled in your organisation's directory."),
        LoginProblems.MfaInvalid => LoginOutcome.Refused(StatusCodes.Status401Unauthorized, LoginProblems.MfaInvalid,
            "The code is not right, or was used already. Enter the current code from your authenticator app, or a recovery code."),
        _ => LoginOutcome.Refused(StatusCodes.Status401Unauthorized, LoginProblems.InvalidCredentials, "The address or password is not right."),
    };

    private async Task AnnounceFailureAsync(LoginAttempt attempt, string reason, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        session.LastModifiedBy = Actor(attempt);
        Announce(session, attempt, reason);
        await session.SaveChangesAsync(cancellationToken);
    }

    private void Announce(IDocumentSession session, LoginAttempt attempt, string reason)
    {
        var failed = new LoginFailed
        {
            EventId = Guid.CreateVersion7(), OccurredAt = clock.GetUtcNow(), Domain = attempt.Domain, Email = attempt.Email, Reason = reason,
            Method = attempt.Method, ClientAddress = attempt.Client.Address,
        };
        session.Publish(failed, failed.EventId, AccountStreams.StreamId(attempt.Domain, attempt.Email));
    }

    private static string Actor(LoginAttempt attempt) => "user:" + attempt.Email;

    [LoggerMessage(LogLevel.Warning, "Directory of {Domain} unavailable for a login: {FailureCode}")]
    private partial void LogDirectoryUnavailable(string domain, string failureCode);

    [LoggerMessage(LogLevel.Warning, "Login attempt for {Domain} throttled: too many failed logins from the client")]
    private partial void LogThrottled(string domain);
}
