using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Auth.Tests.Links;
using Platform.Auth.Tests.Login;
using Platform.Contracts;
using Platform.Testing;
using Xunit;

namespace Platform.Auth.Tests.Accounts;

/// <summary>
/// What the registry or a directory sync says of a user reaches auth on the bus: the refresh tokens and login links
/// they hold stop working, and a login link they get later is refused as a password login would be.
/// </summary>
public sealed class Ending_sessions_when_the_user_is_let_go : IAsyncLifetime
{
    private const string Domain = "letgo.example";
    private DirectoryLoginHost _auth = null!;

    public async Task InitializeAsync()
    {
        _auth = await DirectoryLoginHost.StartAsync(Domain);
        await _auth.AddUserAsync("sam");
        await _auth.PublishDirectoryAsync();
        // Links are issued only for users the registry announced.
        await _auth.DiscoverAsync("sam");
    }

    public async Task DisposeAsync() => await _auth.DisposeAsync();

    public static TheoryData<string> Endings => [nameof(UserDisabledInDirectory), nameof(UserRemovedFromDirectory), nameof(UserDeactivated), nameof(UserDeleted)];

    [Theory]
    [MemberData(nameof(Endings))]
    public async Task Ends_the_sessions_at_once_and_voids_the_open_links_however_often_the_message_comes(string ending)
    {
        var email = _auth.Address("sam");
        var tokens = await TokensAsync(await _auth.LoginAsync(email, DirectoryLoginHost.Password));
        var other = await TokensAsync(await _auth.LoginAsync(email, DirectoryLoginHost.Password));
        var link = await IssueAsync(email);
        var before = await AccountVersionAsync(email);
        using var client = _auth.Host.CreateClient();
        var live = await SessionChecks.CheckAsync(client, tokens);

        await PublishTwiceAsync(Message(ending, email, DateTimeOffset.UtcNow));
        await Eventually.Get(() => AccountVersionAsync(email), v => v > before, TimeSpan.FromSeconds(20));

        // The access token is still a valid token, but the session behind it is over at once.
        var check = await SessionChecks.CheckAsync(client, tokens);
        var otherCheck = await SessionChecks.CheckAsync(client, other);
        var refresh = await RefreshAsync(tokens);
        var otherRefresh = await RefreshAsync(other);
        var use = await UseAsync(link);
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_grant"), (refresh.StatusCode, await Problems.CodeAsync(refresh)));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_grant"), (otherRefresh.StatusCode, await Problems.CodeAsync(otherRefresh)));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_link"), (use.StatusCode, await Problems.CodeAsync(use)));
        Assert.Equal(HttpStatusCode.NoContent, live.StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, "session_ended"), (check.StatusCode, await Problems.CodeAsync(check)));
        Assert.Equal((HttpStatusCode.Unauthorized, "session_ended"), (otherCheck.StatusCode, await Problems.CodeAsync(otherCheck)));
        Assert.Equal(before + 1, await AccountVersionAsync(email));
        Assert.Equal(2, await EventsAsync("session-revoked"));
        Assert.Equal(1, await EventsAsync("login-link-voided"));
    }

    [Fact]
    public async Task Refuses_a_later_link_of_a_user_disabled_in_the_directory_until_enabled_again()
    {
        var email = _auth.Address("sam");
        var disabledAt = DateTimeOffset.UtcNow;
        await PublishAndWaitAsync(email, Message(nameof(UserDisabledInDirectory), email, disabledAt));

        var disabled = await UseAsync(await IssueAsync(email));
        await PublishAndWaitAsync(email, Message(nameof(UserEnabledInDirectory), email, disabledAt.AddSeconds(1)));
        var enabled = await UseAsync(await IssueAsync(email));

        Assert.Equal((HttpStatusCode.Forbidden, "disabled_in_directory"), (disabled.StatusCode, await Problems.CodeAsync(disabled)));
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
    }

    [Fact]
    public async Task Refuses_a_later_link_of_a_user_removed_from_the_directory_as_an_unknown_user()
    {
        var email = _auth.Address("sam");
        await PublishAndWaitAsync(email, Message(nameof(UserRemovedFromDirectory), email, DateTimeOffset.UtcNow));

        var removed = await UseAsync(await IssueAsync(email));

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_credentials"), (removed.StatusCode, await Problems.CodeAsync(removed)));
        Assert.Equal("unknown_user", Assert.Single(await _auth.OutboxAsync("LoginFailed"))["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Lets_the_directory_speak_for_itself_at_a_password_login()
    {
        var email = _auth.Address("sam");
        await PublishAndWaitAsync(email, Message(nameof(UserDisabledInDirectory), email, DateTimeOffset.UtcNow));

        // The entry is enabled in the directory (the sync's finding is older than what the directory says now).
        var login = await _auth.LoginAsync(email, DirectoryLoginHost.Password);
        var link = await UseAsync(await IssueAsync(email));

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, link.StatusCode);
    }

    private static object Message(string ending, string email, DateTimeOffset at) => ending switch
    {
        nameof(UserDisabledInDirectory) => new UserDisabledInDirectory
        {
            EventId = Guid.NewGuid(), OccurredAt = at, Domain = Domain, DirectoryId = "id-sam", Email = email, SyncRunId = Guid.NewGuid(),
        },
        nameof(UserEnabledInDirectory) => new UserEnabledInDirectory
        {
            EventId = Guid.NewGuid(), OccurredAt = at, Domain = Domain, DirectoryId = "id-sam", Email = email, SyncRunId = Guid.NewGuid(),
        },
        nameof(UserRemovedFromDirectory) => new UserRemovedFromDirectory
        {
            EventId = Guid.NewGuid(), OccurredAt = at, Domain = Domain, DirectoryId = "id-sam", Email = email, SyncRunId = Guid.NewGuid(), ApprovedBy = "sync",
        },
        nameof(UserDeactivated) => new UserDeactivated { EventId = Guid.NewGuid(), OccurredAt = at, Domain = Domain, Email = email, Actor = $"admin@{Domain}" },
        nameof(UserDeleted) => new UserDeleted { EventId = Guid.NewGuid(), OccurredAt = at, Domain = Domain, Email = email, Actor = $"admin@{Domain}" },
        _ => throw new ArgumentOutOfRangeException(nameof(ending)),
    };

    /// <summary>The same message twice, as a redelivery brings it: the same message id.</summary>
    private async Task PublishTwiceAsync(object message)
    {
        var bus = _auth.Host.Services.GetRequiredService<IBus>();
        var id = (Guid)message.GetType().GetProperty("EventId")!.GetValue(message)!;
        for (var i = 0; i < 2; i++)
        {
            await bus.Publish(message, message.GetType(), c => c.MessageId = id);
        }
    }

    private async Task PublishAndWaitAsync(string email, object message)
    {
        var before = await AccountVersionAsync(email);
        await PublishTwiceAsync(message);
        await Eventually.Get(() => AccountVersionAsync(email), v => v > before, TimeSpan.FromSeconds(20));
    }

    private async Task<string> IssueAsync(string email)
    {
        var bus = _auth.Host.Services.GetRequiredService<IBus>();
        var response = await bus.Request<IssueLoginLink, LoginLinkIssued>(new IssueLoginLink { Domain = Domain, Email = email, Purpose = LoginLinkPurposes.Report });
        var url = response.Message.Url;
        return url[(url.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];
    }

    private async Task<HttpResponseMessage> UseAsync(string token)
    {
        using var client = _auth.Host.CreateClient();
        var response = await client.PostAsJsonAsync("/v1/login/link", new { token });
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private async Task<HttpResponseMessage> RefreshAsync(JsonNode tokens)
    {
        using var client = _auth.Host.CreateClient();
        var response = await client.PostAsJsonAsync("/v1/token/refresh", new { refreshToken = tokens["refreshToken"]!.GetValue<string>() });
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task<JsonNode> TokensAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    private Task<long> AccountVersionAsync(string email) =>
        ScalarAsync("SELECT coalesce(max(version), 0) FROM auth.mt_streams WHERE id = 'account/' || $1 || '/' || $2", Domain, email);

    private Task<long> EventsAsync(string type) => ScalarAsync("SELECT count(*) FROM auth.mt_events WHERE type = $1", type);

    private async Task<long> ScalarAsync(string sql, params object[] values)
    {
        await using var data = NpgsqlDataSource.Create(_auth.Host.ConnectionString);
        await using var command = data.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
