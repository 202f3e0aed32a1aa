namespace Platform.Security;

/// <summary>Roles carried in platform tokens.</summary>
public static class PlatformRoles
{
    public const string PlatformAdmin = "platform-admin";
    public const string DomainAdmin = "domain-admin";
    public const string EmailUser = "email-user";
}
