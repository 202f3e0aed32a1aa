using System.Security.Claims;
using Marten;
using Microsoft.Extensions.Options;
using Platform.Auth.Lockout;
using Platform.Auth.Login;
using Platform.Contracts;
using Platform.Directory.Passwords;
using Platform.Outbox.Store;
using Platform.Security;
using Platform.Security.Authorization;
using Platform.Security.Tokens;
using Platform.ServiceDefaults.Http;

namespace Platform.Auth.Admins;

/// <summary>
/// <c>POST /v1/admin/login</c> (local accounts only, never a directory) and the platform admin's management of admin
/// accounts under <c>/v1/admin/accounts</c>.
/// </summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdmins(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/admin/login", LoginAsync).AllowAnonymous().CountedAsLogin(LoginMethods.LocalAccount)
            .LimitedPerClient(LoginEndpoints.Throttled(LoginMethods.LocalAccount));
        var accounts = app.MapGroup("/v1/admin/accounts").RequireAuthorization(PlatformPolicies.PlatformAdmin);
        accounts.MapGet("", async (AdminAccounts admins, CancellationToken cancellationToken) =>
            TypedResults.Ok((await admins.ListAsync(cancellationToken)).Select(a => new AdminView(a.Email, a.Role, a.Domains) { Disabled = a.Disabled })));
        accounts.MapPost("", CreateAsync);
        return app;
    }

    private static async Task<IResult> LoginAsync(
        AdminLoginRequest? request, AdminAccounts admins, IDocumentStore store,
        LoginClients clients, ClientFailures failures, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var client = clients.Of(http);
        if (failures.WaitFor(client.Key) is { } wait)
        {
            return LoginEndpoints.Result(LoginOutcome.TooManyAttempts(wait), http);
        }

        var password = request?.Password?.Reveal();
        var email = AdminAccounts.NormalizeEmail(request?.Email);
        // Refused like an email user's: a control character is no password (BindPasswords), though this one is hashed, not bound.
        var admin = email is null || !BindPasswords.IsUsable(password) ? null : await admins.VerifyAsync(email, password!, cancellationToken);
        if (email is not null)
        {
            await AnnounceAsync(store, email, admin is not null, client.Address, clock.GetUtcNow(), cancellationToken);
        }

        if (admin is null && email is not null && admins.LockedFor(await admins.FindAsync(email, cancellationToken)) is { } locked)
        {
            return LoginEndpoints.Result(LoginOutcome.Refused(StatusCodes.Status423Locked, LoginProblems.Locked,
                "Too many failed logins: the account is locked for a while. Try again later.", locked), http);
        }

        if (admin is { Disabled: true })
        {
            return CodedProblem.Result(StatusCodes.Status403Forbidden, LoginProblems.Inactive, "Login refused.", "This admin account is disabled.");
        }

        if (admin is null)
        {
            failures.Failed(client.Key);
            return CodedProblem.Result(StatusCodes.Status401Unauthorized, LoginProblems.InvalidCredentials, "Login refused.",
                "The address or password is not right.");
        }

        return await AdminSecondFactor.FinishLoginAsync(admin, request!.Code, http, cancellationToken);
    }

    private static async Task<IResult> CreateAsync(NewAdmin? body, AdminAccounts admins, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var email = AdminAccounts.NormalizeEmail(body?.Email);
        var domains = (body?.Domains ?? []).Select(DomainNames.Normalize).ToList();
        var password = body?.Password?.Reveal() ?? "";
        var problem = email is null ? ("invalid_email", "Give the admin's email address.")
            : !AdminAccount.IsAdminRole(body!.Role) ? ("invalid_role", "The role is platform-admin or domain-admin.")
            : body.Role == PlatformRoles.DomainAdmin && (domains.Count == 0 || domains.Any(d => d is null)) ? ("invalid_domains", "A domain admin needs one or more valid domain names.")
            : AdminAccount.NewPasswordProblem(password);
        if (problem is var (code, detail))
        {
            return CodedProblem.Result(StatusCodes.Status400BadRequest, code, "The admin cannot be created.", detail);
        }

        var by = "admin:" + user.FindFirstValue(PlatformClaims.Subject);
        var refused = await admins.CreateAsync(email!, password, body!.Role!, body.Role == PlatformRoles.DomainAdmin ? domains.OfType<string>().Distinct().ToList() : [],
            by, cancellationToken);
        return refused is null
            ? TypedResults.Created($"/v1/admin/accounts/{email}", new AdminView(email!, body.Role!, body.Role == PlatformRoles.DomainAdmin ? domains.OfType<string>().Distinct().ToList() : []))
            : CodedProblem.Result(StatusCodes.Status409Conflict, refused, "The admin exists.", $"{email} is an admin already.");
    }

    /// <summary>Admin logins are announced like email users' (method <c>localAccount</c>); the registry ignores them.</summary>
    private static async Task AnnounceAsync(IDocumentStore store, string email, bool succeeded, string? client, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        session.LastModifiedBy = "admin:" + email;
        var domain = email[(email.LastIndexOf('@') + 1)..];
        object message = succeeded
            ? new LoginSucceeded { EventId = Guid.CreateVersion7(), OccurredAt = at, Domain = domain, Email = email, Method = LoginMethods.LocalAccount, ClientAddress = client }
            : new LoginFailed
            {
                EventId = Guid.CreateVersion7(), OccurredAt = at, Domain = domain, Email = email, Method = LoginMethods.LocalAccount, ClientAddress = client,
                Reason = FailureReasons.WrongPassword,
            };
        session.Publish(message, message is LoginSucceeded s ? s.EventId : ((LoginFailed)message).EventId, AdminCreated.StreamId(email));
        await session.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>An admin's login: a local account's address and password.</summary>
public sealed record AdminLoginRequest(string? Email, Secret? Password, string? Code = null);

/// <summary>An admin's access token; admins log in again when it expires.</summary>
public sealed record AdminTokenResponse(string AccessToken, string TokenType, int ExpiresIn)
{
    /// <summary>The token only enrolls a second factor, which platform admins must have: enroll, then log in again with a code.</summary>
    public bool? MfaEnrollmentRequired { get; init; }

    public override string ToString() => $"admin token expiring in {ExpiresIn} s";
}

/// <summary>A new admin account.</summary>
public sealed record NewAdmin(string? Email, Secret? Password, string? Role, IReadOnlyList<string>? Domains);

/// <summary>An admin account as listed (never its password hash).</summary>
public sealed record AdminView(string Email, string Role, IReadOnlyList<string> Domains)
{
    public bool Disabled { get; init; }
}
