using Platform.Auth.Lockout;
using Platform.Auth.Mfa;
using Platform.Security;

namespace Platform.Auth.Admins;

/// <summary>A local admin as the <c>admins</c> table holds it.</summary>
public sealed record AdminAccount(string Email, string Role, IReadOnlyList<string> Domains, string PasswordHash, bool Removed, long Version)
{
    public const int MinimumPasswordLength = 12;

    /// <summary>A platform admin set the account disabled: its password is still checked, but it gets no token.</summary>
    public bool Disabled { get; init; }

    /// <summary>Failed logins and lock, counted as an email user's are (<see cref="LockoutDecisions"/>).</summary>
    public AccountLockout Lockout { get; init; } = AccountLockout.Initial;

    /// <summary>The admin's TOTP second factor, as an email user's (<see cref="SecondFactorDecisions"/>).</summary>
    public SecondFactor SecondFactor { get; init; } = SecondFactor.Initial;

    /// <summary>Why <paramref name="password"/> cannot be an admin's (the one rule for created, changed and bootstrapped passwords), or null.</summary>
    public static string? PasswordProblem(string? password) =>
        password is null || password.Length < MinimumPasswordLength ? $"The password needs at least {MinimumPasswordLength} characters." : null;

    public static bool IsAdminRole(string? role) => role is PlatformRoles.PlatformAdmin or PlatformRoles.DomainAdmin;
}
