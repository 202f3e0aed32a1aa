using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Platform.Security.Secrets;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests.Settings;

public sealed class Saving_directory_settings : IAsyncLifetime
{
    private const string Domain = "settings.example";
    private const string Password = "reader-secret-Zq7!";
    private readonly ServiceHost<Program> _host = new();
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _admin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@settings.example", Domain));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Saves_valid_settings_and_returns_them_without_the_password_with_warnings_and_a_version()
    {
        var put = await _admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", Settings());
        var putBody = await put.Content.ReadAsStringAsync();
        var get = await _admin.GetAsync($"/v1/domains/{Domain}/directory");
        var view = JsonNode.Parse(await get.Content.ReadAsStringAsync())!;

        Assert.True(put.StatusCode == HttpStatusCode.OK, putBody + put.Headers.WwwAuthenticate);
        Assert.DoesNotContain(Password, putBody, StringComparison.Ordinal);
        Assert.Equal("\"1\"", put.Headers.ETag?.ToString());
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("\"1\"", get.Headers.ETag?.ToString());
        Assert.Equal("openLdap", view["settings"]!["kind"]!.GetValue<string>());
        Assert.Equal("starttls", view["settings"]!["security"]!.GetValue<string>());
        Assert.True(view["hasBindPassword"]!.GetValue<bool>());
        Assert.Null(view["settings"]!["bindPassword"]);
        Assert.Equal("admin@settings.example", view["updatedBy"]!.GetValue<string>());
        Assert.Contains(view["warnings"]!.AsArray(), w => w!["code"]!.GetValue<string>() == "catch_all_with_sync");
    }

    [Theory]
    [InlineData("\u0000")]
    [InlineData("reader-secret-Zq7!\u0000x")]
    [InlineData("reader-secret\r\n")]
    public async Task Refuses_a_service_account_password_with_a_control_character_as_a_field_error(string password)
    {
        var settings = Settings();
        settings["bindPassword"] = password;

        var put = await _admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", settings);
        var problem = JsonNode.Parse(await put.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("invalid_directory_settings", problem["code"]!.GetValue<string>());
        Assert.Contains("control character", problem["errors"]!["bindPassword"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal([("bindPassword", "bind_password_control_character")], ProblemFieldCodes.Of(problem));
        Assert.DoesNotContain(password, problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_invalid_settings_naming_every_field_and_saves_nothing()
    {
        var invalid = Settings();
        invalid["kind"] = "novell";
        invalid["port"] = 70000;
        invalid["syncIntervalMinutes"] = 1;

        var put = await _admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", invalid);
        var problem = JsonNode.Parse(await put.Content.ReadAsStringAsync())!;
        var get = await _admin.GetAsync($"/v1/domains/{Domain}/directory");

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("application/problem+json", put.Content.Headers.ContentType?.MediaType);
        Assert.Equal("invalid_directory_settings", problem["code"]!.GetValue<string>());
        Assert.Equal([("kind", "invalid_kind"), ("syncIntervalMinutes", "invalid_sync_interval")], ProblemFieldCodes.Of(problem));
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("directory_not_configured", JsonNode.Parse(await get.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Keeps_login_suffixes_normalized_and_tells_auth_about_them()
    {
        var settings = Settings();
        settings["loginSuffixes"] = new JsonArray("Corp.Local", "corp.local", "ad.Settings.Example");
        var invalid = Settings();
        invalid["loginSuffixes"] = new JsonArray("not a domain");

        var refused = await _admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", invalid);
        (await _admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", settings)).EnsureSuccessStatusCode();
        var view = JsonNode.Parse(await _admin.GetStringAsync($"/v1/domains/{Domain}/directory"))!;

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull(JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["errors"]!["loginSuffixes"]);
        Assert.Equal(["corp.local", "ad.settings.example"], view["settings"]!["loginSuffixes"]!.AsArray().Select(s => s!.GetValue<string>()));
        var published = Assert.Single(await Sync.SyncApi.OutboxAsync(_host.ConnectionString, "DirectorySettingsChanged"));
        Assert.Equal(["corp.local", "ad.settings.example"], published["loginSuffixes"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public async Task Answers_a_body_that_is_not_json_with_a_problem_and_a_code()
    {
        using var content = new StringContent("{\"kind\": ", System.Text.Encoding.UTF8, "application/json");

        var put = await _admin.PutAsync($"/v1/domains/{Domain}/directory", content);
        var problem = JsonNode.Parse(await put.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("invalid_json", problem["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refuses_a_change_based_on_a_version_the_admin_has_not_seen()
    {
        await _admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", Settings());
        await _admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", Settings(interval: 30));

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/v1/domains/{Domain}/directory") { Content = JsonContent.Create(Settings(interval: 15)) };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        var response = await _admin.SendAsync(stale);
        var view = JsonNode.Parse(await (await _admin.GetAsync($"/v1/domains/{Domain}/directory")).Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("version_mismatch", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());
        Assert.Equal(30, view["settings"]!["syncIntervalMinutes"]!.GetValue<int>());
        Assert.Equal(2, view["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task Answers_409_when_another_save_commits_between_reading_and_appending()
    {
        using var first = await _admin.GetAsync($"/v1/domains/{Domain}/directory");
        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);

        // Another replica's save, not yet committed: the PUT reads version 0, and its append of version 1 waits on it.
        await using var data = NpgsqlDataSource.Create(_host.ConnectionString);
        await using var other = await data.OpenConnectionAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("""
            WITH stream AS (INSERT INTO directory_sync.mt_streams (id, version) VALUES ($1, 1) RETURNING id)
            INSERT INTO directory_sync.mt_events (seq_id, id, stream_id, version, type, data)
            SELECT nextval('directory_sync.mt_events_sequence'), gen_random_uuid(), stream.id, 1, 'directory-settings-removed', $2::jsonb FROM stream
            """, other, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = $"directory/{Domain}" });
            insert.Parameters.Add(new NpgsqlParameter { Value = $$"""{"domain":"{{Domain}}","actor":"other","at":"2026-11-22T08:00:00+00:00"}""" });
            await insert.ExecuteNonQueryAsync();
        }

        var put = _admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", Settings());
        // The insert waits on our transaction id (a lock without a database), so find waiters through their sessions.
        var blocked = await Eventually.Get(async () =>
        {
            await using var waiting = data.CreateCommand("""
                SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE NOT l.granted AND a.datname = current_database()
                """);
            return (long)(await waiting.ExecuteScalarAsync())!;
        }, n => n > 0);
        Assert.True(blocked > 0, "The PUT never waited on the other save.");
        await transaction.CommitAsync();
        var response = await put;

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("concurrent_change", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Keeps_the_password_when_a_later_save_leaves_it_out_and_stores_it_only_encrypted_for_this_domain()
    {
        await _admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", Settings());
        var withoutPassword = Settings(interval: 30);
        withoutPassword.Remove("bindPassword");
        var second = await _admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", withoutPassword);
        Assert.True(second.IsSuccessStatusCode, await second.Content.ReadAsStringAsync());
        var view = JsonNode.Parse(await (await _admin.GetAsync($"/v1/domains/{Domain}/directory")).Content.ReadAsStringAsync())!;

        await using var data = NpgsqlDataSource.Create(_host.ConnectionString);
        var stored = await Texts(data, "SELECT data::text FROM directory_sync.mt_events UNION ALL SELECT body::text FROM directory_sync.outbox");
        var published = await Texts(data, "SELECT body::text FROM directory_sync.outbox WHERE message_type LIKE '%DirectorySettingsChanged%' ORDER BY seq");
        var protectedPassword = JsonNode.Parse(published[^1])!["protectedBindPassword"]!.GetValue<string>();
        var protector = new SecretProtector(new SecretProtectionOptions { EncryptionKey = Infrastructure.Get("Secrets:EncryptionKey") });

        Assert.True(view["hasBindPassword"]!.GetValue<bool>());
        Assert.Equal(2, published.Count);
        Assert.DoesNotContain(stored, text => text.Contains(Password, StringComparison.Ordinal));
        Assert.Equal(Password, protector.Unprotect(protectedPassword, $"directory/{Domain}/bind-password").Reveal());
        Assert.Throws<SecretUnprotectException>(() => protector.Unprotect(protectedPassword, "directory/other.example/bind-password"));
    }

    [Fact]
    public async Task Lets_only_the_domains_admins_read_or_change_its_settings()
    {
        using var otherAdmin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@other.example", "other.example"));
        using var platformAdmin = _host.CreateClient().As(PlatformTokenRequest.PlatformAdmin("ops@platform"));

        var put = await otherAdmin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", Settings());
        var get = await otherAdmin.GetAsync($"/v1/domains/{Domain}/directory");
        var byPlatformAdmin = await platformAdmin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", Settings());

        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byPlatformAdmin.StatusCode);
    }

    private static JsonObject Settings(int interval = 60) => new()
    {
        ["kind"] = "openLdap",
        ["host"] = "127.0.0.1",
        ["port"] = int.Parse(Infrastructure.Get("Ldap:Port"), System.Globalization.CultureInfo.InvariantCulture),
        ["security"] = "starttls",
        ["caCertificatePem"] = File.ReadAllText(Infrastructure.Get("Ldap:CaCertificatePath")),
        ["bindDn"] = Infrastructure.Get("Ldap:DemoServiceDn"),
        ["bindPassword"] = Password,
        ["baseDn"] = "ou=people," + Infrastructure.Get("Ldap:DemoBaseDn"),
        ["syncIntervalMinutes"] = interval,
    };

    private static async Task<List<string>> Texts(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var texts = new List<string>();
        while (await reader.ReadAsync())
        {
            texts.Add(reader.GetString(0));
        }

        return texts;
    }
}
