using Platform.Security;

namespace Platform.Auth.Admins;

/// <summary>A local admin as the <c>admins</c> table holds it.</summary>
public sealed record AdminAccount(string Email, string Role, IReadOnlyList<string> Domains, string PasswordHash, bool Removed, long Version)
{
    public const int MinimumPasswordLength = 12;

    public static bool IsAdminRole(string? role) => role is PlatformRoles.PlatformAdmin or PlatformRoles.DomainAdmin;
}
