using Platform.Auth.Accounts;
using Platform.Auth.Lockout;
using Platform.Auth.Mfa;
using Platform.Directory.Passwords;
using Platform.Security;

namespace Platform.Auth.Admins;

/// <summary>
/// A local admin, folded from the admin's stream (<see cref="AdminProjection"/> keeps it as a Marten snapshot):
/// <paramref name="Version"/> is the stream's, at which a change decided on this state is written.
/// </summary>
public sealed record AdminAccount(string Email, string Role, IReadOnlyList<string> Domains, string PasswordHash, bool Removed, long Version)
{
    public const int MinimumPasswordLength = 12;

    /// <summary>The admin's stream id, as Marten keeps the snapshot.</summary>
    public string Id { get; set; } = "";

    /// <summary>A platform admin set the account disabled: its password is still checked, but it gets no token.</summary>
    public bool Disabled { get; init; }

    /// <summary>Failed logins and lock, counted as an email user's are (<see cref="LockoutDecisions"/>).</summary>
    public AccountLockout Lockout { get; init; } = AccountLockout.Initial;

    /// <summary>The admin's TOTP second factor, as an email user's (<see cref="SecondFactorDecisions"/>).</summary>
    public SecondFactor SecondFactor { get; init; } = SecondFactor.Initial;

    /// <summary>
    /// The admin after <paramref name="e"/>, the <paramref name="version"/>th event of the stream; null before the
    /// stream's <see cref="AdminCreated"/>. A creation (again, after a removal) starts afresh.
    /// </summary>
    public static AdminAccount? After(AdminAccount? admin, CredentialEvent e, long version) => (admin, e) switch
    {
        (_, AdminCreated c) => new AdminAccount(c.Email, c.Role, c.Domains, c.PasswordHash, false, version) { Id = AdminCreated.StreamId(c.Email) },
        (null, _) => null,
        (_, AdminPasswordSet p) => admin with { PasswordHash = p.PasswordHash, Version = version },
        (_, AdminDisabled) => admin with { Disabled = true, Version = version },
        (_, AdminEnabled) => admin with { Disabled = false, Version = version },
        (_, AdminRemoved) => admin with { Removed = true, Version = version },
        _ => admin with { Lockout = admin.Lockout.Apply(e), SecondFactor = admin.SecondFactor.Apply(e), Version = version },
    };

    /// <summary>Why <paramref name="password"/> cannot be an admin's (the one rule for created, changed and bootstrapped passwords), or null.</summary>
    public static string? PasswordProblem(string? password) =>
        password is null || password.Length < MinimumPasswordLength ? $"The password needs at least {MinimumPasswordLength} characters." : null;

    /// <summary>A new password's refusal — too short (<c>weak_password</c>), a control character (<c>invalid_password</c>) — or null.</summary>
    public static (string Code, string Detail)? NewPasswordProblem(string? password) =>
        PasswordProblem(password) is { } weak ? ("weak_password", weak)
        : !BindPasswords.IsUsable(password) ? ("invalid_password", "The password may not contain control characters (such as NUL or a line break).")
        : null;

    public static bool IsAdminRole(string? role) => role is PlatformRoles.PlatformAdmin or PlatformRoles.DomainAdmin;
}
