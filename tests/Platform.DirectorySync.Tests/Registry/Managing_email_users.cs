using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.DirectorySync.Tests.Sync;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests.Registry;

/// <summary>The managed list of email users through the API: by hand, by import, and beside the directory sync.</summary>
public sealed class Managing_email_users : IAsyncLifetime
{
    private const string Domain = "registry.example";
    private readonly ServiceHost<Program> _host = new();
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _admin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@registry.example", Domain));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Adds_lists_deactivates_reactivates_and_deletes_a_user_announcing_each_change_once()
    {
        var added = await _admin.PostAsJsonAsync($"/v1/domains/{Domain}/users", new { email = " Ann@Registry.Example " });
        var duplicate = await _admin.PostAsJsonAsync($"/v1/domains/{Domain}/users", new { email = "ann@registry.example" });
        var deactivated = await _admin.PatchAsJsonAsync($"/v1/domains/{Domain}/users/ANN@registry.example", new { status = "inactive" });
        var again = await _admin.PatchAsJsonAsync($"/v1/domains/{Domain}/users/ann@registry.example", new { status = "inactive" });
        var listedInactive = await Json($"/v1/domains/{Domain}/users?status=inactive");
        var reactivated = await _admin.PatchAsJsonAsync($"/v1/domains/{Domain}/users/ann@registry.example", new { status = "active" });
        var deleted = await _admin.DeleteAsync($"/v1/domains/{Domain}/users/ann@registry.example");
        var afterDelete = await _admin.GetAsync($"/v1/domains/{Domain}/users/ann@registry.example");

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var user = (await added.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal(("ann@registry.example", "api", "active"), (Str(user, "email"), Str(user, "source"), Str(user, "status")));
        Assert.Null(user["directory"]);
        Assert.Equal("user_exists", await Code(duplicate, HttpStatusCode.Conflict));
        Assert.Equal("inactive", Str((await deactivated.Content.ReadFromJsonAsync<JsonNode>())!, "status"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(["ann@registry.example"], listedInactive["users"]!.AsArray().Select(u => Str(u!, "email")));
        Assert.Equal(HttpStatusCode.OK, reactivated.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal("user_not_found", await Code(afterDelete, HttpStatusCode.NotFound));
        Assert.Single(await SyncApi.OutboxAsync(_host.ConnectionString, "UserDiscovered"));
        Assert.Equal("admin@registry.example", Str(Assert.Single(await SyncApi.OutboxAsync(_host.ConnectionString, "UserDeactivated")), "actor"));
        Assert.Single(await SyncApi.OutboxAsync(_host.ConnectionString, "UserReactivated"));
        Assert.Single(await SyncApi.OutboxAsync(_host.ConnectionString, "UserDeleted"));
    }

    [Fact]
    public async Task Imports_good_rows_beside_bad_ones_and_changes_nothing_when_the_batch_comes_again()
    {
        var batch = new
        {
            users = new object[]
            {
                new { email = "b1@registry.example" },
                new { email = "B2@REGISTRY.example", status = "inactive" },
                new { email = "not an address" },
                new { email = "b3@other.example" },
                new { email = "b1@registry.example" },
                new { email = "b4@registry.example", status = "sleeping" },
            },
        };

        var first = await Import(batch);
        var second = await Import(batch);
        var page = await Json($"/v1/domains/{Domain}/users?limit=1");
        var next = await Json($"/v1/domains/{Domain}/users?limit=1&after={page["nextAfter"]}");
        var search = await Json($"/v1/domains/{Domain}/users?q=b2");

        Assert.Equal((2, 0, 0, 4), Counts(first));
        Assert.Equal(
            ["added", "added", "rejected", "rejected", "rejected", "rejected"],
            first["rows"]!.AsArray().Select(r => Str(r!, "result")));
        Assert.Equal(
            [null, null, "invalid_email", "wrong_domain", "duplicate_row", "invalid_status"],
            first["rows"]!.AsArray().Select(r => r!["code"]?.GetValue<string>()));
        Assert.Equal("b2@registry.example", Str(first["rows"]![1]!, "normalizedEmail"));
        Assert.Equal((0, 0, 2, 4), Counts(second));
        Assert.Equal(2, (await SyncApi.OutboxAsync(_host.ConnectionString, "UserDiscovered")).Count);
        Assert.Equal("b1@registry.example", Str(page["users"]![0]!, "email"));
        Assert.Equal("b2@registry.example", Str(next["users"]![0]!, "email"));
        Assert.Equal("inactive", Str(Assert.Single(search["users"]!.AsArray())!, "status"));
    }

    [Fact]
    public async Task Refuses_to_delete_a_user_the_directory_sync_manages_and_shows_their_directory_state()
    {
        await using var ldap = await LdapSubtree.CreateAsync();
        var bob = await ldap.AddUserAsync("bob", "bob@registry.example", aliases: ["robert@registry.example"]);
        var settings = ldap.Settings();
        settings["automaticSync"] = false;
        (await _admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", settings)).EnsureSuccessStatusCode();
        await SyncApi.SyncAsync(_admin, Domain);

        var delete = await _admin.DeleteAsync($"/v1/domains/{Domain}/users/bob@registry.example");
        var deactivate = await _admin.PatchAsJsonAsync($"/v1/domains/{Domain}/users/bob@registry.example", new { status = "inactive" });
        var shown = await Json($"/v1/domains/{Domain}/users/bob@registry.example");
        var byAlias = await Json($"/v1/domains/{Domain}/users/Robert@registry.example");

        Assert.Equal("managed_by_directory", await Code(delete, HttpStatusCode.Conflict));
        Assert.Equal(HttpStatusCode.OK, deactivate.StatusCode);
        Assert.Equal(("directory", "inactive"), (Str(shown, "source"), Str(shown, "status")));
        Assert.Equal((bob.Id, "active"), (Str(shown["directory"]!, "directoryId"), Str(shown["directory"]!, "state")));
        Assert.Equal(["robert@registry.example"], shown["aliases"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("bob@registry.example", Str(byAlias, "email")); // an alias resolves to its user
    }

    [Fact]
    public async Task Answers_bad_input_with_problems_and_other_domains_admins_with_403()
    {
        using var stranger = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@other.example", "other.example"));
        using var platformAdmin = _host.CreateClient().As(PlatformTokenRequest.PlatformAdmin("ops@platform.test"));

        // A platform admin passes authorization for any route value: a name that is not a domain is refused, not a 500.
        Assert.Equal("invalid_domain", await Code(await platformAdmin.GetAsync("/v1/domains/not_a..domain/users"), HttpStatusCode.BadRequest));
        Assert.Equal("invalid_domain", await Code(await platformAdmin.GetAsync("/v1/domains/not_a..domain/directory"), HttpStatusCode.BadRequest));

        Assert.Equal("invalid_email", await Code(await _admin.PostAsJsonAsync($"/v1/domains/{Domain}/users", new { email = "x" }), HttpStatusCode.BadRequest));
        Assert.Equal("wrong_domain", await Code(await _admin.GetAsync($"/v1/domains/{Domain}/users/a@elsewhere.example"), HttpStatusCode.BadRequest));
        Assert.Equal("invalid_status", await Code(await _admin.GetAsync($"/v1/domains/{Domain}/users?status=asleep"), HttpStatusCode.BadRequest));
        Assert.Equal("user_not_found", await Code(
            await _admin.PatchAsJsonAsync($"/v1/domains/{Domain}/users/nobody@registry.example", new { status = "inactive" }), HttpStatusCode.NotFound));
        Assert.Equal("empty_import", await Code(await _admin.PostAsJsonAsync($"/v1/domains/{Domain}/users/import", new { users = Array.Empty<object>() }), HttpStatusCode.BadRequest));
        Assert.Equal("import_too_large", await Code(await _admin.PostAsJsonAsync($"/v1/domains/{Domain}/users/import",
            new { users = Enumerable.Range(0, 10_001).Select(i => new { email = $"u{i}@registry.example" }) }), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/v1/domains/{Domain}/users")).StatusCode);
    }

    private async Task<JsonNode> Import(object batch)
    {
        var response = await _admin.PostAsJsonAsync($"/v1/domains/{Domain}/users/import", batch);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    private async Task<JsonNode> Json(string path) => JsonNode.Parse(await _admin.GetStringAsync(path))!;

    private static (int, int, int, int) Counts(JsonNode report) =>
        (report["added"]!.GetValue<int>(), report["updated"]!.GetValue<int>(), report["unchanged"]!.GetValue<int>(), report["rejected"]!.GetValue<int>());

    private static string Str(JsonNode node, string name) => node[name]!.GetValue<string>();

    private static async Task<string> Code(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["code"]!.GetValue<string>();
    }
}
