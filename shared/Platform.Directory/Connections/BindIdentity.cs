using System.DirectoryServices.Protocols;
using System.Net;
using Platform.Directory.Failures;
using Platform.Directory.Passwords;
using Platform.Directory.Settings;

namespace Platform.Directory.Connections;

/// <summary>Who a new connection binds as: the domain's service account, or a user whose password is being checked.</summary>
internal sealed record BindIdentity(string Name, DirectorySecret Password, FailureStage Stage)
{
    public static BindIdentity ServiceAccount(DirectorySettings settings) =>
        settings.BindDn is { } dn && settings.BindPassword is { } password && BindPasswords.IsUsable(password.Reveal())
            ? new BindIdentity(dn, password, FailureStage.ServiceBind)
            : throw new InvalidOperationException("The domain has no service account with a usable password.");

    /// <summary>A user's identity; a password that is empty or holds a control character is never bound with.</summary>
    public static BindIdentity User(string name, string password) => BindPasswords.IsUsable(password)
        ? new(name, new DirectorySecret(password), FailureStage.UserBind)
        : throw new ArgumentException("An empty password or one with a control character is never sent to the directory.", nameof(password));

    /// <summary>
    /// Whether a failed user bind is the directory refusing the credentials: invalidCredentials (49), or
    /// unwillingToPerform (53), OpenLDAP's answer to an unauthenticated bind — an answer, not an outage.
    /// </summary>
    public static bool RefusesUser(Exception exception) => LdapErrors.Read(exception).Code is 49 or 53;

    /// <summary>A simple bind as this identity on <paramref name="connection"/> (a new bind replaces the connection's identity).</summary>
    public void BindOn(LdapConnection connection)
    {
        connection.AuthType = AuthType.Basic;
        connection.Bind(new NetworkCredential(Name, Password.Reveal()));
    }
}

/// <summary>The directory rejected a user's password (result 49): an answer, not a failure.</summary>
internal sealed class InvalidUserCredentialsException(string? serverMessage) : Exception("The user's credentials were rejected.")
{
    public string? ServerMessage { get; } = serverMessage;
}
