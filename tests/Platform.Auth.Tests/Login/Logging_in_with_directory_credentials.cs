using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Security;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.Auth.Tests.Login;

public sealed class Logging_in_with_directory_credentials : IAsyncLifetime
{
    private DirectoryLoginHost _auth = null!;

    public async Task InitializeAsync()
    {
        _auth = await DirectoryLoginHost.StartAsync("login.example");
        await _auth.AddUserAsync("alice", aliases: ["ally@login.example"]);
        await _auth.AddUserAsync("dora", disabled: true);
        await _auth.PublishDirectoryAsync();
    }

    public async Task DisposeAsync() => await _auth.DisposeAsync();

    [Fact]
    public async Task Logs_in_with_the_directory_password_and_gets_a_token_the_other_services_accept()
    {
        var first = await _auth.LoginAsync("Alice@Login.Example", DirectoryLoginHost.Password);
        var second = await _auth.LoginAsync("alice@login.example", DirectoryLoginHost.Password);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var tokens = (await first.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal("Bearer", tokens["tokenType"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(tokens["refreshToken"]!.GetValue<string>()));
        using var validator = new PlatformTokenValidator(PlatformTokenOptions.FromConfiguration(Infrastructure.Configuration));
        var validated = await validator.ValidateAsync(tokens["accessToken"]!.GetValue<string>());
        Assert.True(validated.Succeeded, validated.ToString());
        Assert.Equal("alice@login.example", validated.Principal!.FindFirst(PlatformClaims.Email)!.Value);
        Assert.Equal(PlatformRoles.EmailUser, validated.Principal.FindFirst(PlatformClaims.Role)!.Value);
        Assert.Equal("login.example", validated.Principal.FindFirst(PlatformClaims.Domain)!.Value);
        Assert.Equal("pwd", validated.Principal.FindFirst(PlatformClaims.AuthenticationMethods)!.Value);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var succeeded = await _auth.OutboxAsync("LoginSucceeded");
        Assert.Equal([true, false], succeeded.Select(m => m["firstLogin"]!.GetValue<bool>()));
        Assert.All(succeeded, m => Assert.Equal(("alice@login.example", "password"), (m["email"]!.GetValue<string>(), m["method"]!.GetValue<string>())));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("starttls")]
    [InlineData("ldaps")]
    public async Task Logs_in_over_plain_ldap_starttls_and_ldaps(string security)
    {
        await _auth.PublishDirectoryAsync(s => s with
        {
            Security = security, Port = security == "ldaps" ? LdapSubtree.LdapsPort : LdapSubtree.Port, CaCertificatePem = security == "none" ? null : LdapSubtree.CaPem,
        });

        var response = await _auth.LoginAsync("alice@login.example", DirectoryLoginHost.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Logs_in_with_an_alias_as_the_user_it_belongs_to()
    {
        var response = await _auth.LoginAsync("Ally@login.example", DirectoryLoginHost.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var succeeded = Assert.Single(await _auth.OutboxAsync("LoginSucceeded"));
        Assert.Equal("alice@login.example", succeeded["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refuses_a_wrong_password_without_ever_recording_it()
    {
        var response = await _auth.LoginAsync("alice@login.example", "not her password");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_credentials", await Problems.CodeAsync(response));
        var failed = Assert.Single(await _auth.OutboxAsync("LoginFailed"));
        Assert.Equal(("alice@login.example", "wrong_password"), (failed["email"]!.GetValue<string>(), failed["reason"]!.GetValue<string>()));
        Assert.DoesNotContain("not her password", failed.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not her password", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_an_unknown_user_exactly_as_a_wrong_password()
    {
        var unknown = await _auth.LoginAsync("nobody@login.example", DirectoryLoginHost.Password);
        var wrong = await _auth.LoginAsync("alice@login.example", "wrong");

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_credentials"), (unknown.StatusCode, await Problems.CodeAsync(unknown)));
        Assert.Equal(await Visible(wrong), await Visible(unknown));
    }

    [Fact]
    public async Task Refuses_an_account_disabled_in_the_directory()
    {
        var response = await _auth.LoginAsync("dora@login.example", DirectoryLoginHost.Password);

        Assert.Equal((HttpStatusCode.Forbidden, "disabled_in_directory"), (response.StatusCode, await Problems.CodeAsync(response)));
    }

    [Fact]
    public async Task Keeps_out_a_user_the_registry_set_inactive_until_they_are_reactivated()
    {
        var bus = _auth.Host.Services.GetRequiredService<IBus>();
        var deactivated = new UserDeactivated
        {
            EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, Domain = "login.example", Email = "alice@login.example", Actor = "admin@login.example",
        };
        await bus.Publish(deactivated, c => c.MessageId = deactivated.EventId);
        await bus.Publish(deactivated, c => c.MessageId = deactivated.EventId);
        var inactive = await Eventually.Get(
            () => _auth.LoginAsync("alice@login.example", DirectoryLoginHost.Password), r => r.StatusCode == HttpStatusCode.Forbidden, TimeSpan.FromSeconds(20));
        var reactivated = new UserReactivated
        {
            EventId = Guid.NewGuid(), OccurredAt = deactivated.OccurredAt.AddSeconds(1), Domain = "login.example", Email = "alice@login.example",
            Actor = "admin@login.example",
        };
        await bus.Publish(reactivated, c => c.MessageId = reactivated.EventId);
        var back = await Eventually.Get(
            () => _auth.LoginAsync("alice@login.example", DirectoryLoginHost.Password), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(20));

        Assert.Equal("inactive", await Problems.CodeAsync(inactive));
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    [Fact]
    public async Task Answers_503_when_the_directory_cannot_be_reached_and_never_calls_it_a_wrong_password()
    {
        await _auth.PublishDirectoryAsync(s => s with { Port = LdapSubtree.UnusedPort() });

        var response = await _auth.LoginAsync("alice@login.example", DirectoryLoginHost.Password);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "directory_unavailable"), (response.StatusCode, await Problems.CodeAsync(response)));
        Assert.Equal("directory_unavailable", Assert.Single(await _auth.OutboxAsync("LoginFailed"))["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sends_users_of_a_directory_to_it_to_change_or_reset_their_password()
    {
        var tokens = (await (await _auth.LoginAsync("alice@login.example", DirectoryLoginHost.Password)).Content.ReadFromJsonAsync<JsonNode>())!;
        using var client = _auth.Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", tokens["accessToken"]!.GetValue<string>());

        var change = await client.PostAsJsonAsync("/v1/me/password", new { currentPassword = DirectoryLoginHost.Password, newPassword = "another one 43!" });
        var reset = await client.PostAsJsonAsync("/v1/password-reset", new { email = "alice@login.example" });

        Assert.Equal((HttpStatusCode.Conflict, "managed_by_directory"), (change.StatusCode, await Problems.CodeAsync(change)));
        Assert.Equal((HttpStatusCode.Conflict, "managed_by_directory"), (reset.StatusCode, await Problems.CodeAsync(reset)));
    }

    /// <summary>What a client sees of a refusal, less the trace id that differs per request.</summary>
    private static async Task<string> Visible(HttpResponseMessage response)
    {
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        problem.Remove("traceId");
        return $"{(int)response.StatusCode} {problem.ToJsonString()}";
    }
}
