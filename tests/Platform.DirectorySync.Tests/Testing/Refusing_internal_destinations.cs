using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests.Testing;

/// <summary>A domain admin cannot use the directory settings to probe the platform's own network.</summary>
public sealed class Refusing_internal_destinations : IAsyncLifetime
{
    private const string Domain = "egress.example";
    private const string TestPath = $"/v1/domains/{Domain}/directory/test";
    private const string SettingsPath = $"/v1/domains/{Domain}/directory";
    private DomainWithDirectory _domain = null!;

    public async Task InitializeAsync() =>
        _domain = await DomainWithDirectory.StartAsync(Domain);

    public async Task DisposeAsync() => await _domain.DisposeAsync();

    [Theory]
    [InlineData("127.0.0.1", "RabbitMq:Port")]
    [InlineData("localhost", "RabbitMq:Port")]
    [InlineData("127.0.0.1", "Postgres")]
    [InlineData("169.254.169.254", null)]
    [InlineData("10.0.0.1", null)]
    public async Task Answers_destination_not_allowed_in_the_test_without_connecting(string host, string? portOf)
    {
        var settings = _domain.Ldap.Settings(security: "none", port: Port(portOf));
        settings["host"] = host;
        settings["connectTimeoutSeconds"] = 60;
        var clock = Stopwatch.StartNew();

        var response = await _domain.Admin.PostAsJsonAsync(TestPath, settings);
        var report = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Equal("destination_not_allowed", report["failure"]!["code"]!.GetValue<string>());
        Assert.DoesNotContain("public DNS", report["failure"]!["hint"]!.GetValue<string>(), StringComparison.Ordinal);
        var steps = report["steps"]!.AsArray().Select(s => (s!["name"]!.GetValue<string>(), s["result"]!.GetValue<string>())).ToList();
        Assert.Equal(("resolve", "failed"), steps[0]);
        Assert.All(steps.Skip(1), s => Assert.Equal("skipped", s.Item2));
    }

    [Theory]
    [InlineData("host", "169.254.169.254")]
    [InlineData("failoverHost", "10.0.0.1")]
    [InlineData("host", "::ffff:127.0.0.1")]
    public async Task Refuses_to_save_an_internal_host_naming_the_field(string field, string host)
    {
        var settings = _domain.Ldap.Settings();
        settings[field] = host;
        if (host.Contains("127.0.0.1", StringComparison.Ordinal))
        {
            // Loopback is allowed here (the local directories): the platform's own port is not.
            settings["port"] = Port("Postgres");
        }

        var put = await _domain.Admin.PutAsJsonAsync(SettingsPath, settings);
        var problem = JsonNode.Parse(await put.Content.ReadAsStringAsync())!;
        var get = await _domain.Admin.GetAsync(SettingsPath);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("destination_not_allowed", problem["code"]!.GetValue<string>());
        Assert.Equal([(field, "destination_not_allowed")], ProblemFieldCodes.Of(problem));
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task Saves_the_local_directory_which_the_platform_allows()
    {
        var put = await _domain.Admin.PutAsJsonAsync(SettingsPath, _domain.Ldap.Settings());

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
    }

    private int? Port(string? of) => of switch
    {
        null => null,
        "Postgres" => new Npgsql.NpgsqlConnectionStringBuilder(_domain.Host.ConnectionString).Port,
        _ => int.Parse(Infrastructure.Get(of), System.Globalization.CultureInfo.InvariantCulture),
    };
}
