using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Auth.Lockout;
using Platform.Auth.Tests.Login;
using Platform.Testing;
using Xunit;

namespace Platform.Auth.Tests.Lockout;

/// <summary>
/// A stranger who knows an address must not be able to lock the customer's own AD account (Windows, VPN, Microsoft
/// 365) by guessing through the quarantine panel: against the local Samba AD, with a user of the test's own.
/// </summary>
public sealed class Guessing_at_a_directory_account : IAsyncLifetime
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private readonly PeerAddressHost<Program> _host = new();
    private readonly PeerAddressHost<Program> _replica = new();
    private SambaTestUser _user = null!;

    public async Task InitializeAsync()
    {
        _host.WithServices(s => s.AddSingleton<TimeProvider>(_clock));
        await _host.InitializeAsync();
        await _host.WaitUntilReadyAsync();
        await ActiveDirectoryDomain.PublishAsync(_host);
        // A second replica of auth: the same database and virtual host, a process-local state of its own.
        await _replica.InitializeAsync();
        _replica.With("ConnectionStrings:Postgres", _host.ConnectionString).With("RabbitMq:VirtualHost", _host.VirtualHost)
            .WithServices(s => s.AddSingleton<TimeProvider>(_clock));
        await _replica.WaitUntilReadyAsync();
        _user = await SambaTestUser.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await _user.DisposeAsync();
        await _replica.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Fifty_concurrent_wrong_passwords_over_two_replicas_the_address_its_aliases_and_variants_reach_the_directory_at_most_five_times()
    {
        var allowed = new LockoutOptions().DirectoryEntryFailuresAllowed;
        // A width variant too: the domain in fullwidth letters (IDNA maps them to example.com).
        string[] spellings =
            [_user.Address, _user.Address.ToUpperInvariant(), _user.Aliases[0], Capitalized(_user.Aliases[1]), _user.Sam + "@ｅｘａｍｐｌｅ.com"];

        // Each from an address of its own, so the per-client throttle stays out of it; every other one to the replica.
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            LoginAsync(spellings[i % spellings.Length], $"wrong guess {i}", $"198.51.100.{i + 1}", i % 2 == 0 ? _host : _replica)));
        var (badPasswords, threshold) = await _user.ReadLockoutAsync();

        Assert.InRange(badPasswords, 1, allowed);
        Assert.All(answers, a => Assert.Contains(a, new[] { HttpStatusCode.Unauthorized, (HttpStatusCode)423 }));
        Assert.Contains((HttpStatusCode)423, answers);
        // Samba's own lockout (the user's PSO) is far above: it neither locked the user nor stopped counting.
        Assert.True(threshold > 50, $"Samba's lockout threshold for the user is {threshold}");

        var stillLocked = await LoginAsync(_user.Aliases[0], SambaTestUser.Password, "198.51.100.200", _replica);
        _clock.Advance(new LockoutOptions().DirectoryEntryWindow);
        var afterTheWindow = await LoginAsync(_user.Address, SambaTestUser.Password, "198.51.100.201", _host);

        Assert.Equal((HttpStatusCode)423, stillLocked);
        Assert.Equal(HttpStatusCode.OK, afterTheWindow);
    }

    private static string Capitalized(string address) => char.ToUpperInvariant(address[0]) + address[1..];

    private static async Task<HttpStatusCode> LoginAsync(string email, string password, string peer, PeerAddressHost<Program> replica)
    {
        using var client = replica.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/login") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add(PeerAddressHost<Program>.PeerHeader, peer);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
