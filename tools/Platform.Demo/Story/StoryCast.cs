using System.Text.Json.Nodes;

namespace Platform.Demo.Story;

/// <summary>
/// Who and what the story plays with: the domain and the body of its directory settings (with the service account's
/// password), the platform admin, the directory users' password, the RabbitMQ virtual host the filter publishes to,
/// and the SMTP sink's mail folder.
/// </summary>
public sealed record StoryCast(
    string Domain,
    JsonObject DirectorySettings,
    string AdminEmail,
    string AdminPassword,
    string UserPassword,
    string VirtualHost,
    string MailDir)
{
    public override string ToString() => $"{Domain} (admin {AdminEmail})";
}
