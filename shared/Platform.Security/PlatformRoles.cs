namespace Platform.Security;

/// <summary>Roles carried in platform tokens.</summary>
public static class PlatformRoles
{
    public const string PlatformAdmin = "platform-admin";
    public const string DomainAdmin = "domain-admin";
    public const string EmailUser = "email-user";

    /// <summary>
    /// A platform admin who must enrol a second factor first (auth's <c>Auth:Admin:RequireTotpForPlatformAdmins</c>): the
    /// short token auth gives for the right password opens its admin TOTP enrolment and nothing else anywhere.
    /// </summary>
    public const string AdminTotpEnrollment = "admin-totp-enrollment";

    /// <summary>The spam filter's SMTP edge: asks whether recipients are valid.</summary>
    public const string MailFilter = "mail-filter";
}
