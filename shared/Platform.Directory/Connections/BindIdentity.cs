using System.DirectoryServices.Protocols;
using System.Net;
using Platform.Directory.Failures;
using Platform.Directory.Settings;

namespace Platform.Directory.Connections;

/// <summary>Who a new connection binds as: the domain's service account, or a user whose password is being checked.</summary>
internal sealed record BindIdentity(string Name, DirectorySecret Password, FailureStage Stage)
{
    public static BindIdentity ServiceAccount(DirectorySettings settings) =>
        settings.BindDn is { } dn && settings.BindPassword is { IsEmpty: false } password
            ? new BindIdentity(dn, password, FailureStage.ServiceBind)
            : throw new InvalidOperationException("The domain has no service account.");

    public static BindIdentity User(string name, string password) => new(name, new DirectorySecret(password), FailureStage.UserBind);

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
