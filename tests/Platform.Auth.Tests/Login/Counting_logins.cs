using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Platform.Auth.Login;
using Platform.Testing;
using Xunit;

namespace Platform.Auth.Tests.Login;

/// <summary><c>platform.auth.logins</c>: what SREs alert on — failures by the code the client got, never whose login it was.</summary>
public sealed class Counting_logins : IAsyncLifetime
{
    private const string RootPassword = "counting root password 1";
    private DirectoryLoginHost _auth = null!;

    public async Task InitializeAsync()
    {
        _auth = await DirectoryLoginHost.StartAsync("counting.example", host => host
            .With("Auth:Admin:Email", "root@counting.example").With("Auth:Admin:Password", RootPassword)
            .With("Auth:Lockout:FailuresBeforeLock", "2"));
        await _auth.AddUserAsync("alice");
        await _auth.AddUserAsync("bob");
        await _auth.PublishDirectoryAsync();
    }

    public async Task DisposeAsync() => await _auth.DisposeAsync();

    [Fact]
    public async Task Counts_each_answered_login_by_method_and_result_code_with_no_address_in_any_tag()
    {
        using var logins = new MetricCollector<long>(_auth.Host.Services.GetRequiredService<IMeterFactory>(), "Platform.Auth", LoginMetrics.InstrumentName);

        Assert.Equal(HttpStatusCode.OK, (await _auth.LoginAsync(_auth.Address("alice"), DirectoryLoginHost.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _auth.LoginAsync("not an address", "whatever")).StatusCode);
        for (var i = 0; i < 3; i++)
        {
            // Two wrong passwords lock bob's account; the third attempt is refused as locked.
            await _auth.LoginAsync(_auth.Address("bob"), "wrong password");
        }

        await _auth.PublishDirectoryAsync(s => s with { Port = LdapSubtree.UnusedPort() });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _auth.LoginAsync(_auth.Address("alice"), DirectoryLoginHost.Password)).StatusCode);
        using var admin = _auth.Host.CreateClient();
        await admin.PostAsJsonAsync("/v1/admin/login", new { email = "root@counting.example", password = "not the password" });
        await admin.PostAsJsonAsync("/v1/admin/login", new { email = "root@counting.example", password = RootPassword });

        var counted = logins.GetMeasurementSnapshot()
            .GroupBy(m => ($"{m.Tags[LoginMetrics.MethodTag]}", $"{m.Tags[LoginMetrics.ResultTag]}"))
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        Assert.Equal(
            new Dictionary<(string, string), long>
            {
                [("password", "success")] = 1,
                [("password", "invalid_email")] = 1,
                [("password", "invalid_credentials")] = 2,
                [("password", "locked")] = 1,
                [("password", "directory_unavailable")] = 1,
                [("localAccount", "invalid_credentials")] = 1,
                [("localAccount", "success")] = 1,
            },
            counted);
        Assert.All(logins.GetMeasurementSnapshot().SelectMany(m => m.Tags), tag => Assert.DoesNotContain("counting", $"{tag.Value}", StringComparison.Ordinal));
    }
}
