using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Platform.Auth.Login;
using Platform.Outbox.Store;
using Platform.Security;
using Platform.Security.Authentication;
using Platform.Security.Authorization;
using Platform.ServiceDefaults.Http;

namespace Platform.Auth.Admins;

/// <summary>
/// A platform admin disables, enables and removes admin accounts (never their own); every admin changes their own
/// password with the current one, which counts towards the account's lockout like a login.
/// </summary>
public static class AdminManagementEndpoints
{
    private static readonly AuthorizationPolicy AnyAdmin = new AuthorizationPolicyBuilder(PlatformAuthentication.Scheme)
        .RequireAuthenticatedUser().RequireClaim(PlatformClaims.Role, PlatformRoles.PlatformAdmin, PlatformRoles.DomainAdmin).Build();

    public static IEndpointRouteBuilder MapAdminManagement(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/v1/admin/accounts/{email}").RequirePlatformAdmin();
        account.MapPost("/disable", (string email, AdminAccounts admins, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
            ChangeAsync(email, admins, user, a => a.Disabled ? null : new AdminDisabled(By(user), clock.GetUtcNow()), ct));
        account.MapPost("/enable", (string email, AdminAccounts admins, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
            ChangeAsync(email, admins, user, a => a.Disabled ? new AdminEnabled(By(user), clock.GetUtcNow()) : null, ct));
        account.MapDelete("", (string email, AdminAccounts admins, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
            ChangeAsync(email, admins, user, _ => new AdminRemoved(By(user), clock.GetUtcNow()), ct));
        app.MapPost("/v1/admin/me/password", ChangePasswordAsync).RequireAuthorization(AnyAdmin);
        return app;
    }

    /// <summary>Records <paramref name="change"/> on another admin's account (nothing when it is already so): 204, or 404 / 409.</summary>
    private static async Task<IResult> ChangeAsync(
        string email, AdminAccounts admins, ClaimsPrincipal user, Func<AdminAccount, AdminEvent?> change, CancellationToken cancellationToken)
    {
        var normalized = AdminAccounts.NormalizeEmail(email);
        if (normalized is not null && normalized == user.GetSubject())
        {
            // Keeps the last platform admin from locking everyone out, and an admin from undoing their own audit trail.
            return CodedProblem.Result(StatusCodes.Status409Conflict, "own_account", "Not your own account.",
                "Another platform admin disables or removes your account.");
        }

        try
        {
            var found = normalized is not null && await admins.DecideAsync<bool>(normalized, By(user), admin => admin is { Removed: false }
                ? (change(admin) is { } changed ? [changed] : [], true)
                : ([], false), cancellationToken);
            return found
                ? TypedResults.NoContent()
                : CodedProblem.Result(StatusCodes.Status404NotFound, "admin_not_found", "No such admin.", $"There is no admin {email}.");
        }
        catch (Exception e) when (StoreErrors.IsConcurrencyConflict(e))
        {
            return CodedProblem.Result(StatusCodes.Status409Conflict, "admin_changed", "The account changed meanwhile.", "Try again.");
        }
    }

    private static async Task<IResult> ChangePasswordAsync(
        OwnPasswordChange? body, AdminAccounts admins, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        var email = user.GetSubject()!;
        var current = body?.CurrentPassword?.Reveal();
        var next = body?.NewPassword?.Reveal();
        // The new password's problems first: they need no check of the current one, so they count towards no lockout.
        var problem = AdminAccount.NewPasswordProblem(next)
            ?? (next == current ? ("same_password", "The new password is the current one: choose another.") : null);
        if (problem is var (code, detail))
        {
            return CodedProblem.Result(StatusCodes.Status400BadRequest, code, "The password cannot be changed.", detail);
        }

        var admin = string.IsNullOrEmpty(current) ? null : await admins.VerifyAsync(email, current, cancellationToken);
        if (admin is null)
        {
            return admins.LockedFor(await admins.FindAsync(email, cancellationToken)) is { } locked
                ? Locked(locked, http)
                : CodedProblem.Result(StatusCodes.Status401Unauthorized, LoginProblems.InvalidCredentials, "The password cannot be changed.",
                    "The current password is not right.");
        }

        // Read again: the check itself may have written (a reset count, an upgraded hash).
        return await admins.FindAsync(email, cancellationToken) is { } fresh && await admins.SetPasswordAsync(fresh, next!, "admin:" + email, cancellationToken)
            ? TypedResults.NoContent()
            : CodedProblem.Result(StatusCodes.Status409Conflict, "admin_changed", "The account changed meanwhile.", "Try again.");
    }

    /// <summary>423 with <c>Retry-After</c>, as a locked login answers.</summary>
    private static IResult Locked(TimeSpan wait, HttpContext http)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return CodedProblem.Result(StatusCodes.Status423Locked, LoginProblems.Locked, "The account is locked for a while.",
            $"Too many wrong passwords: try again in {seconds} s.");
    }

    private static string By(ClaimsPrincipal user) => "admin:" + user.GetSubject();
}

/// <summary>An admin's own password change: the current one and the new one.</summary>
public sealed record OwnPasswordChange(Secret? CurrentPassword, Secret? NewPassword);
