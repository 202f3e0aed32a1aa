extern alias auth;
extern alias directorysync;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Contracts;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.Messaging.Tests;

/// <summary>
/// A user disabled in the customer's directory: directory-sync's next sync finds it and says so on the bus, and auth
/// ends what the user holds — the refresh token of their session and the login link mailed to them both fail.
/// </summary>
public sealed class Ending_sessions_across_services
{
    private const string Domain = "letgo-across.example";
    private const string Password = "vera's password 1";

    [Fact]
    public async Task A_user_disabled_in_the_directory_loses_the_refresh_token_and_the_login_link_at_the_next_sync()
    {
        await using var vhost = await RabbitMqVirtualHost.CreateAsync();
        await using var ldap = await LdapSubtree.CreateAsync();
        var vera = await ldap.AddUserAsync("vera", $"vera@{Domain}", disabled: false, password: Password);
        await using var authHost = await ServiceHost<auth::Program>.StartOnAsync(vhost);
        await using var directorySync = await ServiceHost<directorysync::Program>.StartOnAsync(vhost);
        using var auth = authHost.CreateClient();
        using var sync = directorySync.CreateClient().As(PlatformTokenRequest.DomainAdmin($"dana@{Domain}", Domain));
        var settings = ldap.Settings();
        settings["automaticSync"] = false;
        Assert.Equal(HttpStatusCode.OK, (await sync.PutAsJsonAsync($"/v1/domains/{Domain}/directory", settings)).StatusCode);
        await SyncAsync(sync);
        var login = await Eventually.Get(
            () => auth.PostAsJsonAsync("/v1/login", new { email = $"vera@{Domain}", password = Password }), r => r.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30));
        var refreshToken = (await login.Content.ReadFromJsonAsync<JsonNode>())!["refreshToken"]!.GetValue<string>();
        var link = await authHost.Services.GetRequiredService<IBus>().Request<IssueLoginLink, LoginLinkIssued>(
            new IssueLoginLink { Domain = Domain, Email = $"vera@{Domain}", Purpose = LoginLinkPurposes.Report });

        await ldap.SetDisabledAsync(vera.Dn, disabled: true);
        await SyncAsync(sync);
        await Eventually.Get(() => DirectoryStateAsync(authHost.ConnectionString, $"vera@{Domain}"), s => s == "disabled", TimeSpan.FromSeconds(30));

        var refresh = await auth.PostAsJsonAsync("/v1/token/refresh", new { refreshToken });
        var use = await auth.PostAsJsonAsync("/v1/login/link", new { token = link.Message.Url[(link.Message.Url.IndexOf("token=", StringComparison.Ordinal) + 6)..] });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        Assert.Equal("invalid_grant", (await refresh.Content.ReadFromJsonAsync<JsonNode>())!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, use.StatusCode);
        Assert.Equal("invalid_link", (await use.Content.ReadFromJsonAsync<JsonNode>())!["code"]!.GetValue<string>());
    }

    private static async Task SyncAsync(HttpClient admin)
    {
        var accepted = await admin.PostAsync($"/v1/domains/{Domain}/directory/sync", null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var runId = JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!["runId"]!.GetValue<Guid>();
        var run = await Eventually.Get(
            async () => JsonNode.Parse(await admin.GetStringAsync($"/v1/domains/{Domain}/directory/syncs/{runId}"))!,
            r => r["run"]!["status"]!.GetValue<string>() is "completed" or "failed", TimeSpan.FromSeconds(60));
        Assert.Equal("completed", run["run"]!["status"]!.GetValue<string>());
    }

    /// <summary>What auth has learned of the user's directory entry (null before it knows the account).</summary>
    private static async Task<string?> DirectoryStateAsync(string connectionString, string email)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        await using var command = data.CreateCommand("SELECT data->>'directoryState' FROM auth.mt_doc_account WHERE id = 'account/' || $1 || '/' || $2");
        command.Parameters.Add(new NpgsqlParameter { Value = Domain });
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        return await command.ExecuteScalarAsync() as string;
    }
}
