using System.Net;
using Platform.Auth.Tests.Login;
using Platform.Testing;
using Xunit;

namespace Platform.Auth.Tests.Lockout;

/// <summary>Against the real slapd behind a proxy that counts the connections auth makes to it.</summary>
public sealed class Resisting_brute_force : IAsyncLifetime
{
    private DirectoryLoginHost _auth = null!;
    private TcpProxy _directory = null!;

    public async Task InitializeAsync()
    {
        _auth = await DirectoryLoginHost.StartAsync("brute.example", host => host
            .With("Auth:Lockout:InitialLock", "00:00:02").With("Auth:Lockout:ClientFailuresAllowed", "12")
            // The account's own lock is what these tests watch; the per-entry cap (Guessing_at_a_directory_account) stays out of it.
            .With("Auth:Lockout:DirectoryEntryFailuresAllowed", "100"));
        await _auth.AddUserAsync("alice");
        for (var i = 0; i < 15; i++)
        {
            await _auth.AddUserAsync($"user{i}");
        }

        _directory = TcpProxy.Start(LdapSubtree.Host, LdapSubtree.Port);
        await _auth.PublishDirectoryAsync(s => s with { Port = _directory.Port });
    }

    public async Task DisposeAsync()
    {
        await _directory.DisposeAsync();
        await _auth.DisposeAsync();
    }

    [Fact]
    public async Task Locks_the_account_after_five_wrong_passwords_without_contacting_the_directory_until_the_lock_ends()
    {
        var wrong = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            wrong.Add((await _auth.LoginAsync("alice@brute.example", $"guess {i}")).StatusCode);
        }

        var before = _directory.Accepted;
        var locked = await _auth.LoginAsync("alice@brute.example", DirectoryLoginHost.Password);
        var lockedAgain = await _auth.LoginAsync("alice@brute.example", "guess 6");
        var duringLock = _directory.Accepted - before;
        await Task.Delay(TimeSpan.FromSeconds(2.2));
        var after = await _auth.LoginAsync("alice@brute.example", DirectoryLoginHost.Password);

        Assert.All(wrong, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(((HttpStatusCode)423, "locked"), (locked.StatusCode, await Problems.CodeAsync(locked)));
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.Zero, "423 without Retry-After");
        Assert.Equal((HttpStatusCode)423, lockedAgain.StatusCode);
        Assert.Equal(0, duringLock);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var reasons = (await _auth.OutboxAsync("LoginFailed")).Select(m => m["reason"]!.GetValue<string>()).ToList();
        Assert.Equal([.. Enumerable.Repeat("wrong_password", 5), "locked", "locked"], reasons);
    }

    [Fact]
    public async Task Never_locks_anyone_out_for_an_unreachable_directory()
    {
        _directory.Cut();
        var unavailable = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            unavailable.Add((await _auth.LoginAsync("alice@brute.example", DirectoryLoginHost.Password)).StatusCode);
        }

        _directory.Restore();
        var back = await Eventually.Get(() => _auth.LoginAsync("alice@brute.example", DirectoryLoginHost.Password),
            r => r.StatusCode != HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(20));

        Assert.All(unavailable, s => Assert.Equal(HttpStatusCode.ServiceUnavailable, s));
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    [Fact]
    public async Task Stops_one_address_trying_a_password_on_many_accounts_while_others_log_in()
    {
        var sprayed = new List<HttpResponseMessage>();
        for (var i = 0; i < 15; i++)
        {
            sprayed.Add(await _auth.LoginAsync($"user{i}@brute.example", "Summer2026!", peer: "198.51.100.23"));
        }

        var other = await _auth.LoginAsync("alice@brute.example", DirectoryLoginHost.Password, peer: "192.0.2.77");

        Assert.All(sprayed.Take(12), r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.All(sprayed.Skip(12), r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        Assert.Equal("too_many_attempts", await Problems.CodeAsync(sprayed[^1]));
        Assert.True(sprayed[^1].Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
