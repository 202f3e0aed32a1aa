using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.DirectorySync.Tests.Sync;
using Platform.Security;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests.Recipients;

/// <summary>The filter's question "is this recipient valid?", answered from each replica's in-memory index.</summary>
public sealed class Verifying_recipients : IAsyncLifetime
{
    private readonly ServiceHost<Program> _host = new();
    private HttpClient _filter = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _filter = _host.CreateClient().As(new PlatformTokenRequest("smtp-edge", [PlatformRoles.MailFilter]));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Knows_a_domains_registered_users_and_forgets_a_deleted_one()
    {
        using var admin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@list.example", "list.example"));
        (await admin.PostAsJsonAsync("/v1/domains/list.example/users", new { email = "dana@list.example" })).EnsureSuccessStatusCode();

        var valid = await EventuallyValid("DANA@List.Example", expected: true);
        var unknown = await LookupAsync("nobody@list.example");
        var otherDomain = await LookupAsync("dana@unserved.example");
        (await admin.DeleteAsync("/v1/domains/list.example/users/dana@list.example")).EnsureSuccessStatusCode();
        var afterDelete = await EventuallyValid("dana@list.example", expected: false);

        Assert.True(valid);
        Assert.Equal((HttpStatusCode.OK, false), (unknown.StatusCode, await ValidAsync(unknown)));
        Assert.Equal(HttpStatusCode.NotFound, otherDomain.StatusCode);
        Assert.Equal("domain_not_served", JsonNode.Parse(await otherDomain.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());
        Assert.False(afterDelete);
    }

    [Fact]
    public async Task Knows_every_address_of_a_directory_domain_aliases_and_disabled_accounts_included_until_they_leave_the_directory()
    {
        const string domain = "dir.example";
        await using var ldap = await LdapSubtree.CreateAsync();
        var erin = await ldap.AddUserAsync("erin", "erin@dir.example", aliases: ["e.smith@dir.example"]);
        await ldap.AddUserAsync("shared", "sales@dir.example", disabled: true);
        using var admin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@dir.example", domain));
        var settings = ldap.Settings();
        settings["automaticSync"] = false;
        settings["deletionThresholdPercent"] = 100; // one of two users leaves: not a mass deletion to hold here
        (await admin.PutAsJsonAsync($"/v1/domains/{domain}/directory", settings)).EnsureSuccessStatusCode();
        await SyncApi.SyncAsync(admin, domain);

        var primary = await EventuallyValid("erin@dir.example", expected: true);
        var alias = await ValidAsync(await LookupAsync("e.smith@dir.example"));
        var disabled = await ValidAsync(await LookupAsync("sales@dir.example"));
        var stranger = await ValidAsync(await LookupAsync("mallory@dir.example"));
        await ldap.DeleteAsync(erin.Dn);
        await SyncApi.SyncAsync(admin, domain);
        var gone = await EventuallyValid("e.smith@dir.example", expected: false);

        Assert.True(primary);
        Assert.True(alias);
        Assert.True(disabled);
        Assert.False(stranger);
        Assert.False(gone);
    }

    [Fact]
    public async Task Answers_only_the_filter_and_refuses_what_is_not_an_address()
    {
        using var domainAdmin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@list.example", "list.example"));
        using var anonymous = _host.CreateClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await domainAdmin.GetAsync("/v1/recipients/a@list.example")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v1/recipients/a@list.example")).StatusCode);
        var invalid = await LookupAsync("not-an-address");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("invalid_email", JsonNode.Parse(await invalid.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reports_ready_only_with_its_recipient_index_loaded()
    {
        using var client = _host.CreateClient();
        var ready = await Eventually.Get(async () => await client.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        var checks = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["checks"]!;

        Assert.Equal("Healthy", checks["recipient-index"]!["status"]!.GetValue<string>());
    }

    private Task<HttpResponseMessage> LookupAsync(string email) => _filter.GetAsync($"/v1/recipients/{Uri.EscapeDataString(email)}");

    private static async Task<bool> ValidAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["valid"]!.GetValue<bool>();
    }

    /// <summary>The index follows the read models within moments (a NOTIFY, then a reload): waits for it.</summary>
    private async Task<bool> EventuallyValid(string email, bool expected) =>
        await Eventually.Get(async () =>
        {
            var response = await LookupAsync(email);
            return response.StatusCode == HttpStatusCode.OK && await ValidAsync(response);
        }, valid => valid == expected, TimeSpan.FromSeconds(15));
}
