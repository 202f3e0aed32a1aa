using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.Reporting.Tests.Enrollment;

public sealed class Choosing_report_frequencies : IAsyncLifetime
{
    private const string Domain = "choose.example";
    private readonly ServiceHost<Program> _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Lets_a_user_and_their_admins_choose_and_nobody_else()
    {
        using var admin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@choose.example", Domain));
        using var alice = _host.CreateClient().As(PlatformTokenRequest.EmailUser("alice@choose.example", "alice@choose.example"));
        using var bob = _host.CreateClient().As(PlatformTokenRequest.EmailUser("bob@choose.example", "bob@choose.example"));
        using var stranger = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@other.example", "other.example"));
        using var anonymous = _host.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync($"/v1/domains/{Domain}/users/alice@{Domain}/report")).StatusCode);
        var chosen = await alice.PutAsJsonAsync($"/v1/domains/{Domain}/users/Alice@Choose.example/report", new { frequency = "weekly" });
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        Assert.Equal(("weekly", "user"), Read(await chosen.Content.ReadFromJsonAsync<JsonNode>()));
        (await alice.PutAsJsonAsync($"/v1/domains/{Domain}/users/alice@{Domain}/report", new { frequency = "weekly" })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/v1/domains/{Domain}/users/alice@{Domain}/report", new { frequency = "off" })).EnsureSuccessStatusCode();

        await AssertProblem(await bob.PutAsJsonAsync($"/v1/domains/{Domain}/users/alice@{Domain}/report", new { frequency = "daily" }), 403, "forbidden");
        await AssertProblem(await stranger.GetAsync($"/v1/domains/{Domain}/users/alice@{Domain}/report"), 403, "forbidden");
        await AssertProblem(await stranger.GetAsync($"/v1/domains/{Domain}/reports/enrollments"), 403, "forbidden");
        await AssertProblem(await anonymous.GetAsync($"/v1/domains/{Domain}/users/alice@{Domain}/report"), 401, "unauthenticated");
        await AssertProblem(await alice.PutAsJsonAsync($"/v1/domains/{Domain}/users/alice@{Domain}/report", new { frequency = "hourly" }), 400, "invalid_frequency");
        await AssertProblem(await admin.PutAsJsonAsync($"/v1/domains/{Domain}/users/not-an-address/report", new { frequency = "daily" }), 400, "invalid_email");
        await AssertProblem(await admin.GetAsync($"/v1/domains/{Domain}/reports/enrollments?frequency=sometimes"), 400, "invalid_frequency");

        // One enrollment, one change: the repeated choice published nothing.
        Assert.Single(await _host.OutboxAsync(nameof(ReportEnrolled)));
        var changed = Assert.Single(await _host.OutboxAsync(nameof(ReportFrequencyChanged)));
        Assert.Equal(("off", "weekly", "admin"),
            (changed["frequency"]!.GetValue<string>(), changed["previousFrequency"]!.GetValue<string>(), changed["changedBy"]!.GetValue<string>()));
        var page = JsonNode.Parse(await admin.GetStringAsync($"/v1/domains/{Domain}/reports/enrollments?frequency=off"))!;
        Assert.Equal([$"alice@{Domain}"], page["enrollments"]!.AsArray().Select(e => e!["email"]!.GetValue<string>()));
        Assert.Empty(JsonNode.Parse(await admin.GetStringAsync($"/v1/domains/{Domain}/reports/enrollments?frequency=daily"))!["enrollments"]!.AsArray());
    }

    [Fact]
    public async Task Keeps_a_users_own_time_zone_and_language_until_they_give_them_back_to_the_domain()
    {
        using var admin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@choose.example", Domain));
        using var gus = _host.CreateClient().As(PlatformTokenRequest.EmailUser("gus@choose.example", "gus@choose.example"));
        var path = $"/v1/domains/{Domain}/users/gus@{Domain}/report";

        var chosen = await gus.PutAsJsonAsync(path, new { frequency = "weekly", timeZone = " Europe/Berlin ", language = "DE" });
        var again = await gus.PutAsJsonAsync(path, new { frequency = "weekly", timeZone = "Europe/Berlin", language = "de" });
        var frequencyOnly = await admin.PutAsJsonAsync(path, new { frequency = "daily" });
        await AssertProblem(await gus.PutAsJsonAsync(path, new { frequency = "daily", timeZone = "Mars/Olympus" }), 400, "invalid_time_zone");
        await AssertProblem(await gus.PutAsJsonAsync(path, new { frequency = "daily", language = "fr" }), 400, "invalid_language");
        var zoneBack = await gus.PutAsJsonAsync(path, new { frequency = "daily", timeZone = "" });
        var languageBack = await gus.PutAsJsonAsync(path, new { frequency = "daily", language = "" });

        Assert.Equal(("weekly", "Europe/Berlin", "de"), Preferences(await chosen.Content.ReadFromJsonAsync<JsonNode>()));
        Assert.Equal(("weekly", "Europe/Berlin", "de"), Preferences(await again.Content.ReadFromJsonAsync<JsonNode>()));
        Assert.Equal(("daily", "Europe/Berlin", "de"), Preferences(await frequencyOnly.Content.ReadFromJsonAsync<JsonNode>()));
        Assert.Equal(("daily", null, "de"), Preferences(await zoneBack.Content.ReadFromJsonAsync<JsonNode>()));
        Assert.Equal(("daily", null, null), Preferences(await languageBack.Content.ReadFromJsonAsync<JsonNode>()));
        Assert.Equal(("daily", null, null), Preferences(JsonNode.Parse(await admin.GetStringAsync(path))));
        // On the user's stream under its own name: the first choice, then each giving back; the repeated one added nothing.
        Assert.Equal(3, await _host.CountAsync(
            "SELECT count(*) FROM reporting.mt_events WHERE stream_id = $1 AND type = 'report-preferences-set'", $"report-enrollment/{Domain}/gus@{Domain}"));
    }

    [Fact]
    public async Task Refuses_report_defaults_with_a_stable_code_beside_each_refused_fields_words()
    {
        using var admin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@choose.example", Domain));

        var refused = await admin.PutAsJsonAsync($"/v1/domains/{Domain}/reporting", new { timeZone = "Mars/Olympus", reportHour = 25, weeklyDay = "someday" });
        var problem = (await refused.Content.ReadFromJsonAsync<JsonNode>())!;

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("invalid_reporting_settings", problem["code"]!.GetValue<string>());
        Assert.Equal([("reportHour", "invalid_report_hour"), ("timeZone", "invalid_time_zone"), ("weeklyDay", "invalid_weekly_day")], ProblemFieldCodes.Of(problem));
        Assert.Contains("Mars/Olympus", problem["errors"]!["timeZone"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enrolls_directory_users_only_when_the_domain_asks_and_once()
    {
        using var admin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@choose.example", Domain));
        await AssertProblem(await admin.PutAsJsonAsync($"/v1/domains/{Domain}/reporting", new { timeZone = "Mars/Olympus", reportHour = 25 }), 400,
            "invalid_reporting_settings");
        var defaults = JsonNode.Parse(await admin.GetStringAsync($"/v1/domains/{Domain}/reporting"))!;
        Assert.False(defaults["saved"]!.GetValue<bool>());
        var bus = _host.Services.GetRequiredService<IBus>();

        (await admin.PutAsJsonAsync($"/v1/domains/{Domain}/reporting", new { defaultFrequency = "weekly", enrollDirectoryUsers = true })).EnsureSuccessStatusCode();
        await _host.WaitUntilReadyAsync();
        await bus.Publish(Discovered("dan", UserSources.Directory) with { Domain = "other.example", Email = "dan@other.example" }); // enrolls nobody
        var erin = Discovered("erin", UserSources.Directory);
        await bus.Publish(erin, c => c.MessageId = erin.EventId);
        await bus.Publish(erin, c => c.MessageId = erin.EventId);
        await bus.Publish(Discovered("fay", UserSources.Login));

        var enrolled = await Eventually.Get(() => _host.OutboxAsync(nameof(ReportEnrolled)), m => m.Count >= 1, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1));
        enrolled = await _host.OutboxAsync(nameof(ReportEnrolled));
        var only = Assert.Single(enrolled);
        Assert.Equal(($"erin@{Domain}", "weekly", "directory"),
            (only["email"]!.GetValue<string>(), only["frequency"]!.GetValue<string>(), only["reason"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Refuses_a_domain_that_is_not_a_domain_name_and_the_settings_to_anyone_but_admins()
    {
        using var platformAdmin = _host.CreateClient().As(PlatformTokenRequest.PlatformAdmin("root@platform.example"));
        using var alice = _host.CreateClient().As(PlatformTokenRequest.EmailUser("alice@choose.example", "alice@choose.example"));
        using var anonymous = _host.CreateClient();

        // A platform admin passes authorization for any route value: the name itself is refused, never a 500.
        await AssertProblem(await platformAdmin.GetAsync("/v1/domains/not%20a%20domain/reporting"), 400, "invalid_domain");
        await AssertProblem(await platformAdmin.PutAsJsonAsync("/v1/domains/not%20a%20domain/reporting", new { reportHour = 7 }), 400, "invalid_domain");
        await AssertProblem(await platformAdmin.GetAsync("/v1/domains/not%20a%20domain/reports/enrollments"), 400, "invalid_domain");
        await AssertProblem(await platformAdmin.PutAsJsonAsync("/v1/domains/not%20a%20domain/users/a@b.example/report", new { frequency = "daily" }), 400,
            "invalid_domain");
        await AssertProblem(await alice.PutAsJsonAsync($"/v1/domains/{Domain}/reporting", new { reportHour = 7 }), 403, "forbidden");
        await AssertProblem(await alice.GetAsync($"/v1/domains/{Domain}/reports/enrollments"), 403, "forbidden");
        await AssertProblem(await anonymous.GetAsync($"/v1/domains/{Domain}/reporting"), 401, "unauthenticated");
        await AssertProblem(await alice.PutAsJsonAsync($"/v1/domains/{Domain}/users/alice@other.example/report", new { frequency = "daily" }), 400,
            "wrong_domain");
        (await platformAdmin.PutAsJsonAsync($"/v1/domains/{Domain}/reporting", new { reportHour = 7 })).EnsureSuccessStatusCode();
    }

    private static UserDiscovered Discovered(string user, string source) => new()
    {
        EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, Domain = Domain, Email = $"{user}@{Domain}", Source = source,
    };

    private static (string, string?, string?) Preferences(JsonNode? report) =>
        (report!["frequency"]!.GetValue<string>(), report["timeZone"]?.GetValue<string>(), report["language"]?.GetValue<string>());

    private static (string, string) Read(JsonNode? report) => (report!["frequency"]!.GetValue<string>(), report["enrolledBy"]!.GetValue<string>());

    private static async Task AssertProblem(HttpResponseMessage response, int status, string code)
    {
        Assert.Equal(status, (int)response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonNode>();
        Assert.Equal(code, problem!["code"]!.GetValue<string>());
    }
}
