using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests.Testing;

public sealed class Keeping_the_saved_bind_password_where_it_was_saved : IAsyncLifetime
{
    private const string Domain = "keeping-password.example";
    private const string DirectoryPath = $"/v1/domains/{Domain}/directory";
    private const string TestPath = $"{DirectoryPath}/test";
    private DomainWithDirectory _domain = null!;

    public async Task InitializeAsync()
    {
        _domain = await DomainWithDirectory.StartAsync(Domain);
        await _domain.Ldap.AddUserAsync("alice", $"alice@{Domain}");
        var settings = _domain.Ldap.Settings();
        settings["automaticSync"] = false;
        (await _domain.Admin.PutAsJsonAsync(DirectoryPath, settings)).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _domain.DisposeAsync();

    [Fact]
    public async Task Refuses_a_test_against_another_server_without_the_password_before_connecting_to_it()
    {
        await using var hostile = new CapturingServer();
        var submitted = Without(_domain.Ldap.Settings("none"), "bindPassword");
        submitted["port"] = hostile.Port;

        var response = await _domain.Admin.PostAsJsonAsync(TestPath, submitted);
        var problem = await Json(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("bind_password_required", problem["code"]!.GetValue<string>());
        Assert.Equal([("bindPassword", "bind_password_needed_again")], ProblemFieldCodes.Of(problem));
        Assert.Equal(["port", "security", "caCertificatePem"], problem["changedFields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(0, hostile.Connections);
        Assert.DoesNotContain(_domain.Ldap.ServicePassword, hostile.Received, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("host", "localhost")]
    [InlineData("failoverHost", "127.0.0.2")]
    [InlineData("port", "1389")]
    [InlineData("security", "ldaps")]
    [InlineData("caCertificatePem", "")]
    [InlineData("bindDn", "cn=someone-else,dc=example,dc=com")]
    public async Task Refuses_each_change_of_where_or_as_whom_to_connect_without_the_password(string field, string value)
    {
        var submitted = Without(_domain.Ldap.Settings(), "bindPassword");
        submitted[field] = field == "port" ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : value;

        var test = await _domain.Admin.PostAsJsonAsync(TestPath, submitted);
        var save = await _domain.Admin.PutAsJsonAsync(DirectoryPath, submitted);
        var saved = await Json(await _domain.Admin.GetAsync(DirectoryPath));

        Assert.Equal(HttpStatusCode.BadRequest, test.StatusCode);
        Assert.Equal("bind_password_required", (await Json(test))["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, save.StatusCode);
        var problem = await Json(save);
        Assert.Equal("bind_password_required", problem["code"]!.GetValue<string>());
        Assert.Contains(field, problem["changedFields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(1, saved["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task Sends_the_new_server_only_the_password_given_with_the_change()
    {
        await using var hostile = new CapturingServer();
        var submitted = _domain.Ldap.Settings("none");
        submitted["port"] = hostile.Port;
        submitted["bindPassword"] = "typed-for-the-new-server";
        submitted["operationTimeoutSeconds"] = 2;

        var response = await _domain.Admin.PostAsJsonAsync(TestPath, submitted);
        var report = await Json(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(report["succeeded"]!.GetValue<bool>());
        Assert.True(hostile.Connections > 0);
        await Eventually.Get(() => Task.FromResult(hostile.Received), r => r.Contains("typed-for-the-new-server", StringComparison.Ordinal),
            TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(_domain.Ldap.ServicePassword, hostile.Received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Needs_no_password_to_change_only_the_schedule_or_the_threshold()
    {
        var submitted = Without(_domain.Ldap.Settings(), "bindPassword");
        submitted["automaticSync"] = false;
        submitted["syncIntervalMinutes"] = 240;
        submitted["deletionThresholdPercent"] = 30;
        submitted["connectTimeoutSeconds"] = 3;

        var test = await Json(await _domain.Admin.PostAsJsonAsync(TestPath, submitted));
        var save = await _domain.Admin.PutAsJsonAsync(DirectoryPath, submitted);
        var saved = await Json(save);

        Assert.True(test["succeeded"]!.GetValue<bool>(), test.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, save.StatusCode);
        Assert.Equal(240, saved["settings"]!["syncIntervalMinutes"]!.GetValue<int>());
        Assert.True(saved["hasBindPassword"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Records_every_test_with_who_when_where_and_the_outcome_beside_the_sync_history()
    {
        var wrong = _domain.Ldap.Settings();
        wrong["bindPassword"] = "wrong-password-Pq4!";
        var elsewhere = Without(_domain.Ldap.Settings(), "bindPassword");
        elsewhere["port"] = LdapSubtree.UnusedPort();

        await _domain.Admin.PostAsync(TestPath, content: null);
        await _domain.Admin.PostAsJsonAsync(TestPath, wrong);
        await _domain.Admin.PostAsJsonAsync(TestPath, elsewhere);
        var response = await _domain.Admin.GetAsync($"{DirectoryPath}/tests");
        var text = await response.Content.ReadAsStringAsync();
        var tests = JsonNode.Parse(text)!.AsArray();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            [("submitted", "refused", "bind_password_required"), ("submitted", "failed", "invalid_service_credentials"), ("saved", "succeeded", null)],
            tests.Select(t => (t!["source"]!.GetValue<string>(), t["result"]!.GetValue<string>(), t["code"]?.GetValue<string>())));
        Assert.All(tests, t => Assert.Equal($"admin@{Domain}", t!["testedBy"]!.GetValue<string>()));
        Assert.All(tests, t => Assert.Equal(LdapSubtree.Host, t!["host"]!.GetValue<string>()));
        Assert.Equal(elsewhere["port"]!.GetValue<int>(), tests[0]!["port"]!.GetValue<int>());
        Assert.Equal(LdapSubtree.Port, tests[2]!["port"]!.GetValue<int>());
        Assert.All(tests, t => Assert.True(t!["testedAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddMinutes(-5)));
        Assert.DoesNotContain(_domain.Ldap.ServicePassword, text, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password-Pq4!", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shows_the_test_history_only_to_the_domains_admins()
    {
        using var otherAdmin = _domain.Host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@other.example", "other.example"));

        var response = await otherAdmin.GetAsync($"{DirectoryPath}/tests");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static JsonObject Without(JsonObject settings, string field)
    {
        settings.Remove(field);
        return settings;
    }

    private static async Task<JsonNode> Json(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("No JSON body.");
}
