using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests.Settings;

public sealed class Claiming_login_suffixes : IAsyncLifetime
{
    private const string Claimer = "claimer.example";
    private const string Other = "other.example";
    private readonly ServiceHost<Program> _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Refuses_a_suffix_that_is_another_served_domain()
    {
        (await SaveAsync(Other)).EnsureSuccessStatusCode();

        var response = await SaveAsync(Claimer, "corp.local", Other);
        var problem = await Json(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_directory_settings", problem["code"]!.GetValue<string>());
        Assert.Contains(Other, problem["errors"]!["loginSuffixes"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("corp.local", problem["errors"]!["loginSuffixes"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal([("loginSuffixes", "login_suffix_taken")], ProblemFieldCodes.Of(problem));
        Assert.Equal(HttpStatusCode.NotFound, (await Admin(Claimer).GetAsync($"/v1/domains/{Claimer}/directory")).StatusCode);
    }

    [Fact]
    public async Task Refuses_a_suffix_another_domain_already_claims()
    {
        (await SaveAsync(Other, "corp.local")).EnsureSuccessStatusCode();

        var response = await SaveAsync(Claimer, "Corp.Local");
        var problem = await Json(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_directory_settings", problem["code"]!.GetValue<string>());
        Assert.Equal([("loginSuffixes", "login_suffix_taken")], ProblemFieldCodes.Of(problem));
    }

    [Fact]
    public async Task Lets_a_domain_keep_its_own_suffixes_and_claim_one_another_domain_gave_up()
    {
        (await SaveAsync(Other, "corp.local")).EnsureSuccessStatusCode();
        (await SaveAsync(Claimer, "ad.claimer.example")).EnsureSuccessStatusCode();

        var again = await SaveAsync(Claimer, "ad.claimer.example");
        (await SaveAsync(Other)).EnsureSuccessStatusCode();
        var released = await SaveAsync(Claimer, "ad.claimer.example", "corp.local");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.Equal(["ad.claimer.example", "corp.local"],
            (await Json(released))["settings"]!["loginSuffixes"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    private HttpClient Admin(string domain) => _host.CreateClient().As(PlatformTokenRequest.DomainAdmin($"admin@{domain}", domain));

    private async Task<HttpResponseMessage> SaveAsync(string domain, params string[] loginSuffixes)
    {
        var settings = DemoDirectory.Settings();
        settings["loginSuffixes"] = new JsonArray([.. loginSuffixes.Select(s => (JsonNode)JsonValue.Create(s))]);
        using var admin = Admin(domain);
        return await admin.PutAsJsonAsync($"/v1/domains/{domain}/directory", settings);
    }

    private static async Task<JsonNode> Json(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("No JSON body.");
}
