using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests.Settings;

public sealed class Saving_plain_ldap_settings
{
    private const string Domain = "plain.example";

    [Theory]
    [InlineData("Development")]
    [InlineData("Staging")]
    public async Task Saves_it_with_a_warning_about_users_passwords_outside_production(string environment)
    {
        await using var host = await HostIn(environment);

        var response = await SaveAsync(host, "none");
        var view = await Json(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Warnings(view), w => w == "user_passwords_in_clear_text");
    }

    [Fact]
    public async Task Refuses_it_in_production_naming_the_security_field()
    {
        await using var host = await HostIn("Production");

        var response = await SaveAsync(host, "none");
        var problem = await Json(response);
        var encrypted = await SaveAsync(host, "starttls");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_directory_settings", problem["code"]!.GetValue<string>());
        Assert.Equal([("security", "plain_ldap_not_allowed")], ProblemFieldCodes.Of(problem));
        Assert.Equal(HttpStatusCode.OK, encrypted.StatusCode);
        Assert.DoesNotContain(Warnings(await Json(encrypted)), w => w == "user_passwords_in_clear_text");
    }

    [Fact]
    public async Task Saves_it_in_production_with_a_warning_where_the_operator_allows_plain_ldap()
    {
        await using var host = await HostIn("Production", allowPlainLdap: true);

        var response = await SaveAsync(host, "none");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Warnings(await Json(response)), w => w == "user_passwords_in_clear_text");
    }

    private static async Task<ServiceHost<Program>> HostIn(string environment, bool allowPlainLdap = false)
    {
        var host = await ServiceHost<Program>.CreateAsync();
        host.With("environment", environment);
        // Outside Development the schema is applied by the explicit deployment step; the test's fresh database has none yet.
        host.With("EventStore:ApplySchemaOnStartup", "true");
        if (allowPlainLdap)
        {
            host.With("Directory:AllowPlainLdap", "true");
        }

        return host;
    }

    private static async Task<HttpResponseMessage> SaveAsync(ServiceHost<Program> host, string security)
    {
        var settings = DemoDirectory.Settings();
        settings["security"] = security;
        if (security == "none")
        {
            settings.Remove("caCertificatePem");
        }

        using var admin = host.CreateClient().As(PlatformTokenRequest.DomainAdmin($"admin@{Domain}", Domain));
        return await admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", settings);
    }

    private static IEnumerable<string> Warnings(JsonNode view) => view["warnings"]!.AsArray().Select(w => w!["code"]!.GetValue<string>());

    private static async Task<JsonNode> Json(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("No JSON body.");
}
