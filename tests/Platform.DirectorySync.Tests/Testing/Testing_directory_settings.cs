using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests.Testing;

public sealed class Testing_directory_settings : IAsyncLifetime
{
    private const string Domain = "testing.example";
    private const string TestPath = $"/v1/domains/{Domain}/directory/test";
    private DomainWithDirectory _domain = null!;
    private LdapUser _alice = null!;
    private LdapUser _bob = null!;
    private LdapUser _dave = null!;
    private LdapUser _erin = null!;

    public async Task InitializeAsync()
    {
        _domain = await DomainWithDirectory.StartAsync(Domain);
        _alice = await _domain.Ldap.AddUserAsync("alice", $"alice@{Domain}", [$"a.smith@{Domain}"], "Alice Smith", disabled: false);
        _bob = await _domain.Ldap.AddUserAsync("bob", $"bob@{Domain}", displayName: "Bob Jones");
        await _domain.Ldap.AddUserAsync("carol", $"carol@{Domain}");
        _dave = await _domain.Ldap.AddUserAsync("dave", $"dave@{Domain}", disabled: true);
        _erin = await _domain.Ldap.AddUserAsync("erin", $"erin@{Domain}", disabled: false);
        await _domain.Ldap.AddUserAsync("printer", mail: null);
    }

    public async Task DisposeAsync() => await _domain.DisposeAsync();

    [Fact]
    public async Task Reports_every_step_ok_with_the_users_found_and_a_sample_for_working_settings()
    {
        var response = await _domain.Admin.PostAsJsonAsync(TestPath, _domain.Ldap.Settings());
        var report = await Json(response);
        var saved = await _domain.Admin.GetAsync($"/v1/domains/{Domain}/directory");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("submitted", report["source"]!.GetValue<string>());
        Assert.True(report["succeeded"]!.GetValue<bool>(), report.ToJsonString());
        Assert.Null(report["failure"]);
        Assert.Equal(["resolve", "connect", "tls", "bind", "base_dn", "search"], Steps(report).Select(s => s.Name));
        Assert.All(Steps(report), s => Assert.Equal("ok", s.Result));
        Assert.Equal(5, report["usersWithAddress"]!.GetValue<int>());
        var alice = Assert.Single(report["sample"]!.AsArray(), u => u!["email"]!.GetValue<string>() == $"alice@{Domain}")!;
        Assert.Equal([$"a.smith@{Domain}"], alice["aliases"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("Alice Smith", alice["displayName"]!.GetValue<string>());
        Assert.Equal("alice", alice["login"]!.GetValue<string>());
        Assert.False(alice["disabled"]!.GetValue<bool>());
        Assert.True(report["sample"]!.AsArray().Single(u => u!["login"]!.GetValue<string>() == "dave")!["disabled"]!.GetValue<bool>());
        Assert.Equal(1, report["entryProblems"]!.GetValue<int>());
        Assert.Equal("no_address", report["entryProblemSample"]![0]!["code"]!.GetValue<string>());
        Assert.Null(report["failover"]);
        Assert.Equal(5, report["dryRun"]!["added"]!["count"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, saved.StatusCode);
    }

    [Fact]
    public async Task Reports_a_wrong_service_password_at_the_bind_step_and_skips_the_rest()
    {
        var settings = _domain.Ldap.Settings();
        settings["bindPassword"] = "not-the-reader-password";

        var response = await _domain.Admin.PostAsJsonAsync(TestPath, settings);
        var report = await Json(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(report["succeeded"]!.GetValue<bool>());
        Assert.Equal("invalid_service_credentials", report["failure"]!["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(report["failure"]!["hint"]!.GetValue<string>()));
        // What the English names, as values a client words in its own language.
        Assert.Equal(settings["bindDn"]!.GetValue<string>(), report["failure"]!["values"]!["bindDn"]!.GetValue<string>());
        Assert.Equal(settings["host"]!.GetValue<string>(), report["failure"]!["values"]!["host"]!.GetValue<string>());
        Assert.Null(report["failure"]!["reason"]);
        Assert.Equal(
            [("resolve", "ok"), ("connect", "ok"), ("tls", "ok"), ("bind", "failed"), ("base_dn", "skipped"), ("search", "skipped")],
            Steps(report));
        Assert.Equal(0, report["usersWithAddress"]!.GetValue<int>());
        Assert.Null(report["dryRun"]);
    }

    [Fact]
    public async Task Reports_connection_refused_when_nothing_listens_on_the_port()
    {
        var response = await _domain.Admin.PostAsJsonAsync(TestPath, _domain.Ldap.Settings(port: LdapSubtree.UnusedPort()));
        var report = await Json(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("connection_refused", report["failure"]!["code"]!.GetValue<string>());
        Assert.Equal(
            [("resolve", "ok"), ("connect", "failed"), ("tls", "skipped"), ("bind", "skipped"), ("base_dn", "skipped"), ("search", "skipped")],
            Steps(report));
        Assert.Null(report["dryRun"]);
    }

    [Fact]
    public async Task Tests_the_failover_host_on_its_own_and_plans_through_it_when_the_host_is_down()
    {
        // slapd listens on 127.0.0.1 only: the same port on 127.0.0.2 refuses connections.
        var settings = _domain.Ldap.Settings();
        settings["host"] = "127.0.0.2";
        settings["failoverHost"] = LdapSubtree.Host;

        var report = await Json(await _domain.Admin.PostAsJsonAsync(TestPath, settings));

        Assert.Equal("127.0.0.2", report["host"]!.GetValue<string>());
        Assert.Equal("connection_refused", report["failure"]!["code"]!.GetValue<string>());
        Assert.Equal(LdapSubtree.Host, report["failover"]!["host"]!.GetValue<string>());
        Assert.True(report["failover"]!["succeeded"]!.GetValue<bool>(), report.ToJsonString());
        Assert.All(report["failover"]!["steps"]!.AsArray(), s => Assert.Equal("ok", s!["result"]!.GetValue<string>()));
        Assert.Equal(5, report["failover"]!["usersWithAddress"]!.GetValue<int>());
        Assert.Equal(5, report["dryRun"]!["added"]!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Shows_what_a_sync_of_the_saved_settings_would_change_and_holds_removals_above_the_threshold_without_writing_anything()
    {
        await SaveAsync(_domain.Ldap.Settings());
        await KnowAsync(_alice.Id, $"alice@{Domain}", [$"a.smith@{Domain}"], "Alice Smith", disabled: false);
        await KnowAsync(_bob.Id, $"bob@{Domain}", [], "Robert Jones", disabled: false);
        await KnowAsync(_dave.Id, $"dave@{Domain}", [], "dave", disabled: false);
        await KnowAsync(_erin.Id, $"erin@{Domain}", [], "erin", disabled: true);
        await KnowAsync("ghost-id", $"ghost@{Domain}", [], "Ghost", disabled: false);
        await KnowAsync("removed-id", $"removed@{Domain}", [], "Removed", disabled: false, removed: true);
        var before = await WrittenAsync();

        var response = await _domain.Admin.PostAsync(TestPath, content: null);
        var report = await Json(response);
        var dryRun = report["dryRun"]!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("saved", report["source"]!.GetValue<string>());
        Assert.Equal(5, dryRun["knownUsers"]!.GetValue<int>());
        Assert.Equal(5, dryRun["users"]!.GetValue<int>());
        Assert.Equal(10, dryRun["deletionThresholdPercent"]!.GetValue<int>());
        Assert.Equal([$"carol@{Domain}"], Emails(dryRun["added"]!));
        Assert.Equal([$"bob@{Domain}"], Emails(dryRun["updated"]!));
        Assert.Equal(["displayName"], dryRun["updated"]!["examples"]![0]!["changed"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal([$"dave@{Domain}"], Emails(dryRun["disabled"]!));
        Assert.True(dryRun["disabled"]!["examples"]![0]!["disabled"]!.GetValue<bool>());
        Assert.Equal([$"erin@{Domain}"], Emails(dryRun["enabled"]!));
        Assert.Empty(Emails(dryRun["removed"]!));
        Assert.Equal([$"ghost@{Domain}"], Emails(dryRun["heldRemovals"]!));
        Assert.Equal("above_threshold", dryRun["holdReason"]!.GetValue<string>());
        Assert.Equal(before, await WrittenAsync());
    }

    [Fact]
    public async Task Removes_within_the_threshold_of_submitted_settings_binding_with_the_saved_password()
    {
        await SaveAsync(_domain.Ldap.Settings());
        await KnowAsync(_alice.Id, $"alice@{Domain}", [$"a.smith@{Domain}"], "Alice Smith", disabled: false);
        await KnowAsync(_bob.Id, $"bob@{Domain}", [], "Bob Jones", disabled: false);
        await KnowAsync("ghost-id", $"ghost@{Domain}", [], "Ghost", disabled: false);
        var submitted = _domain.Ldap.Settings();
        submitted.Remove("bindPassword");
        submitted["deletionThresholdPercent"] = 50;
        var before = await WrittenAsync();

        var report = await Json(await _domain.Admin.PostAsJsonAsync(TestPath, submitted));
        var dryRun = report["dryRun"]!;

        Assert.True(report["succeeded"]!.GetValue<bool>(), report.ToJsonString());
        Assert.Equal([$"ghost@{Domain}"], Emails(dryRun["removed"]!));
        Assert.Empty(Emails(dryRun["heldRemovals"]!));
        Assert.Null(dryRun["holdReason"]);
        Assert.Equal(3, dryRun["added"]!["count"]!.GetValue<int>());
        Assert.Equal(before, await WrittenAsync());
    }

    [Fact]
    public async Task Answers_directory_not_configured_when_nothing_is_saved_and_no_settings_are_sent()
    {
        var withoutBody = await _domain.Admin.PostAsync(TestPath, content: null);
        using var empty = new StringContent(string.Empty, System.Text.Encoding.UTF8, "application/json");
        var withEmptyBody = await _domain.Admin.PostAsync(TestPath, empty);

        Assert.Equal(HttpStatusCode.NotFound, withoutBody.StatusCode);
        Assert.Equal("directory_not_configured", (await Json(withoutBody))["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, withEmptyBody.StatusCode);
        Assert.Equal("directory_not_configured", (await Json(withEmptyBody))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refuses_invalid_submitted_settings_as_saving_does()
    {
        var settings = _domain.Ldap.Settings();
        settings["kind"] = "novell";
        settings["baseDn"] = "not a dn";

        var response = await _domain.Admin.PostAsJsonAsync(TestPath, settings);
        var problem = await Json(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_directory_settings", problem["code"]!.GetValue<string>());
        Assert.NotNull(problem["errors"]!["kind"]);
    }

    [Fact]
    public async Task Lets_only_the_domains_admins_test()
    {
        using var otherAdmin = _domain.Host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@other.example", "other.example"));

        var response = await otherAdmin.PostAsJsonAsync(TestPath, _domain.Ldap.Settings());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Never_answers_with_a_password()
    {
        var wrong = _domain.Ldap.Settings();
        wrong["bindPassword"] = "wrong-password-Xy93!";
        await SaveAsync(_domain.Ldap.Settings());

        var texts = new[]
        {
            await (await _domain.Admin.PostAsJsonAsync(TestPath, _domain.Ldap.Settings())).Content.ReadAsStringAsync(),
            await (await _domain.Admin.PostAsJsonAsync(TestPath, wrong)).Content.ReadAsStringAsync(),
            await (await _domain.Admin.PostAsync(TestPath, content: null)).Content.ReadAsStringAsync(),
        };

        Assert.All(texts, text => Assert.Contains("\"steps\"", text, StringComparison.Ordinal));
        Assert.All(texts, text => Assert.DoesNotContain(_domain.Ldap.ServicePassword, text, StringComparison.Ordinal));
        Assert.DoesNotContain("wrong-password-Xy93!", texts[1], StringComparison.Ordinal);
    }

    private async Task SaveAsync(JsonObject settings)
    {
        // No automatic sync: the scheduler would otherwise sync the domain (and write) while the test looks.
        settings["automaticSync"] = false;
        var response = await _domain.Admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", settings);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A user in the managed list, as an earlier sync would have left them.</summary>
    private async Task KnowAsync(string id, string email, string[] aliases, string displayName, bool disabled, bool removed = false)
    {
        await using var data = NpgsqlDataSource.Create(_domain.Host.ConnectionString);
        await using var command = data.CreateCommand("""
            INSERT INTO directory_sync.directory_users (domain, directory_id, dn, email, aliases, display_name, disabled, removed_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $8 THEN now() END, now())
            """);
        foreach (var value in new object[] { Domain, id, $"uid={id},{_domain.Ldap.BaseDn}", email, aliases, displayName, disabled, removed })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Events, outbox messages and the managed list: what a test must leave as it found it (it only records itself). Marten's
    /// tombstones (written after any failed commit in the service, another test's too) are not the test's writes.
    /// </summary>
    private async Task<(long Events, long Outbox, string Users)> WrittenAsync()
    {
        await using var data = NpgsqlDataSource.Create(_domain.Host.ConnectionString);
        await using var command = data.CreateCommand("""
            SELECT (SELECT count(*) FROM directory_sync.mt_events WHERE type <> 'connection-test-recorded' AND stream_id <> 'mt_tombstone'), (SELECT count(*) FROM directory_sync.outbox),
                   (SELECT coalesce(string_agg(u::text, '|' ORDER BY directory_id), '') FROM directory_sync.directory_users u)
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2));
    }

    private static async Task<JsonNode> Json(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("No JSON body.");

    private static List<(string Name, string Result)> Steps(JsonNode report) =>
        [.. report["steps"]!.AsArray().Select(s => (s!["name"]!.GetValue<string>(), s["result"]!.GetValue<string>()))];

    private static List<string> Emails(JsonNode changes) =>
        [.. changes["examples"]!.AsArray().Select(u => u!["email"]!.GetValue<string>())];
}
