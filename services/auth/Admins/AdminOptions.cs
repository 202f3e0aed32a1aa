using Platform.Security;

namespace Platform.Auth.Admins;

/// <summary>The platform admin created on first start (section <c>Auth:Admin</c>), and admin token lifetime.</summary>
public sealed class AdminOptions
{
    public const string Section = "Auth:Admin";

    public string? Email { get; set; }

    public string? Password { get; set; }

    /// <summary>How long an admin's access token is good for; an admin logs in again after it.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Platform admins must have a TOTP second factor: one without gets, for the right password, only a short token
    /// that enrolls one (<see cref="PlatformRoles.AdminTotpEnrollment"/>), and logs in again with a code.
    /// </summary>
    public bool RequireTotpForPlatformAdmins { get; set; }
}
