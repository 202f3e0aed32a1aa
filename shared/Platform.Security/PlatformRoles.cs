namespace Platform.Security;

/// <summary>Roles carried in platform tokens.</summary>
public static class PlatformRoles
{
    public const string PlatformAdmin = "platform-admin";
    public const string DomainAdmin = "domain-admin";
    public const string EmailUser = "email-user";

    /// <summary>The spam filter's SMTP edge: asks whether recipients are valid.</summary>
    public const string MailFilter = "mail-filter";
}
