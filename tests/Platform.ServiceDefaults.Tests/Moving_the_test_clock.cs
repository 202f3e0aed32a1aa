using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Clock;
using Xunit;

namespace Platform.ServiceDefaults.Tests;

/// <summary>
/// The test clock that end-to-end tests and the demo move forward in services running as processes: Development
/// only, loopback only, forward only.
/// </summary>
public sealed class Moving_the_test_clock
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Refuses_to_be_switched_on_outside_Development(string environment)
    {
        var builder = Builder(environment, enabled: true);

        var refused = Assert.Throws<InvalidOperationException>(() => builder.AddPlatformTestClock());

        Assert.Contains("Platform__TestClock__Enabled", refused.Message, StringComparison.Ordinal);
        Assert.Contains(environment, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Is_neither_the_clock_nor_an_endpoint_unless_switched_on()
    {
        await using var app = await StartAsync(Builder("Development", enabled: false));
        using var http = new HttpClient();

        var response = await http.PostAsJsonAsync(app.Urls.Single() + TestClockEndpoints.Path, new { advanceBy = "1.00:00:00" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(app.Services.GetService<TestClock>());
    }

    [Fact]
    public async Task Moves_the_services_time_forward_and_never_back()
    {
        await using var app = await StartAsync(Builder("Development", enabled: true));
        var time = app.Services.GetRequiredService<TimeProvider>();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        var moved = await http.PostAsJsonAsync(TestClockEndpoints.Path, new { advanceBy = "1.02:00:00" });
        var later = DateTimeOffset.UtcNow.AddDays(3);
        var movedTo = await http.PostAsJsonAsync(TestClockEndpoints.Path, new { advanceTo = later });
        var back = await http.PostAsJsonAsync(TestClockEndpoints.Path, new { advanceTo = DateTimeOffset.UtcNow.AddDays(1) });
        var backwards = await http.PostAsJsonAsync(TestClockEndpoints.Path, new { advanceBy = "-01:00:00" });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(TimeSpan.FromHours(26), TimeSpan.Parse((await moved.Content.ReadFromJsonAsync<JsonNode>())!["offset"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.OK, movedTo.StatusCode);
        Assert.InRange(time.GetUtcNow(), later, later.AddMinutes(1));
        Assert.Equal(HttpStatusCode.BadRequest, back.StatusCode);
        Assert.Equal("invalid_clock_move", (await back.Content.ReadFromJsonAsync<JsonNode>())!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.InRange(time.GetUtcNow(), later, later.AddMinutes(1));
    }

    [Fact]
    public async Task Answers_callers_on_the_loopback_interface_only()
    {
        var builder = Builder("Development", enabled: true);
        // The in-memory test server has no sockets: its requests come from no address, as a remote caller's would not be loopback.
        builder.WebHost.UseTestServer();
        await using var app = await StartAsync(builder);
        using var http = app.GetTestClient();

        var response = await http.PostAsJsonAsync(TestClockEndpoints.Path, new { advanceBy = "1.00:00:00" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(TimeSpan.Zero, app.Services.GetRequiredService<TestClock>().Offset);
    }

    private static WebApplicationBuilder Builder(string environment, bool enabled)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration[TestClockExtensions.EnabledKey] = enabled ? "true" : "false";
        return builder;
    }

    private static async Task<WebApplication> StartAsync(WebApplicationBuilder builder)
    {
        builder.AddPlatformTestClock();
        builder.Services.AddProblemDetails();
        var app = builder.Build();
        app.MapTestClock();
        await app.StartAsync();
        return app;
    }
}
