using System.Text.Json.Nodes;

namespace Platform.Panel.Tests;

/// <summary>What the admin pages' tests read back through the services' APIs, and a platform admin of the test's own.</summary>
public sealed partial class TestDomain
{
    /// <summary>A platform admin (auth's <c>POST /v1/admin/accounts</c>), so a test never signs in as the shared bootstrap admin.</summary>
    public async Task<(string Email, string Password)> CreatePlatformAdminAsync()
    {
        var email = $"operator-{Guid.NewGuid():N}"[..22] + "@platform.localhost";
        var password = "operator password " + Guid.NewGuid().ToString("N")[..12];
        await Json(await SendAsync(HttpMethod.Post, new Uri(_platform.Auth, "/v1/admin/accounts"), _admin,
            new { email, password, role = "platform-admin" }), "creating the platform admin");
        return (email, password);
    }

    /// <summary>An email user as directory-sync's <c>GET …/users/{email}</c> shows them.</summary>
    public async Task<JsonObject> RegistryUserAsync(string email) =>
        await Json(await SendAsync(HttpMethod.Get, DomainUri(_platform.DirectorySync, $"/users/{email}"), _admin), "the email user");

    /// <summary>The domain's report defaults as reporting's <c>GET …/reporting</c> shows them.</summary>
    public async Task<JsonObject> ReportingSettingsAsync() =>
        await Json(await SendAsync(HttpMethod.Get, DomainUri(_platform.Reporting, "/reporting"), _admin), "the report defaults");

    /// <summary>The domain's notification settings as notifications' <c>GET …/notifications</c> shows them.</summary>
    public async Task<JsonObject> NotificationSettingsAsync() =>
        await Json(await SendAsync(HttpMethod.Get, DomainUri(_platform.Notifications, "/notifications"), _admin), "the notification settings");
}
