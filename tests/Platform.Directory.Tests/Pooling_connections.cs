using System.Globalization;
using Platform.Directory.Failures;
using Platform.Directory.Search;
using Platform.Directory.Settings;
using Platform.Directory.Tests.Fixtures;
using Platform.Testing;
using Xunit;

namespace Platform.Directory.Tests;

public sealed class Pooling_connections
{
    [Fact]
    public async Task Reuses_one_connection_for_consecutive_operations()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync("alice", ("mail", ["alice@example.com"]));
        using var factory = LocalLdap.Factory();
        var client = factory.Create(subtree.Settings());

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(LookupOutcome.Found, (await client.FindUserByLoginAsync("alice")).Outcome);
        }

        await client.GetUsersAsync().ToListAsync();

        Assert.Equal(1, factory.PoolStatistics.Opened);
        Assert.Equal(5, factory.PoolStatistics.Reused);
        Assert.Equal(1, factory.PoolStatistics.Idle);
    }

    [Fact]
    public async Task Never_opens_more_connections_to_one_directory_than_allowed()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync("alice", ("mail", ["alice@example.com"]));
        using var factory = LocalLdap.Factory(o => o.MaxConnectionsPerDirectory = 2);
        var client = factory.Create(subtree.Settings());

        var lookups = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => client.FindUserByLoginAsync("alice")));

        Assert.All(lookups, l => Assert.Equal(LookupOutcome.Found, l.Outcome));
        Assert.InRange(factory.PoolStatistics.Opened, 1, 2);
        Assert.Equal(30, factory.PoolStatistics.Opened + factory.PoolStatistics.Reused);
    }

    [Fact]
    public async Task Replaces_a_connection_the_server_dropped_without_failing_the_operation()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync("alice", ("mail", ["alice@example.com"]));
        await using var proxy = TcpProxy.Start(LocalLdap.Host, LocalLdap.Port);
        using var factory = LocalLdap.Factory();
        var client = factory.Create(subtree.Settings() with { Port = proxy.Port });
        await client.FindUserByLoginAsync("alice");

        proxy.Cut();
        proxy.Restore();
        var lookup = await client.FindUserByLoginAsync("alice");

        Assert.Equal(LookupOutcome.Found, lookup.Outcome);
        Assert.Equal(2, factory.PoolStatistics.Opened);
        Assert.Equal(1, factory.PoolStatistics.Discarded);
    }

    [Fact]
    public async Task Reports_a_directory_that_went_away_meanwhile()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync("alice", ("mail", ["alice@example.com"]));
        await using var proxy = TcpProxy.Start(LocalLdap.Host, LocalLdap.Port);
        using var factory = LocalLdap.Factory();
        var client = factory.Create(subtree.Settings() with { Port = proxy.Port });
        await client.FindUserByLoginAsync("alice");

        proxy.Cut();
        var error = await Assert.ThrowsAsync<DirectoryFailureException>(() => client.FindUserByLoginAsync("alice"));

        Assert.Equal(DirectoryFailureCodes.ConnectionRefused, error.Code);
        Assert.Equal(0, factory.PoolStatistics.Idle);
    }

    [Fact]
    public async Task Keeps_connections_of_different_credentials_apart()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync("alice", ("mail", ["alice@example.com"]));
        using var factory = LocalLdap.Factory();
        var good = factory.Create(subtree.Settings());
        var bad = factory.Create(subtree.Settings() with { BindPassword = new DirectorySecret("changed") });

        await good.FindUserByLoginAsync("alice");
        var error = await Assert.ThrowsAsync<DirectoryFailureException>(() => bad.FindUserByLoginAsync("alice"));

        // A changed password never rides on a connection bound with the old one.
        Assert.Equal(DirectoryFailureCodes.InvalidServiceCredentials, error.Code);
        Assert.Equal(1, factory.PoolStatistics.Idle);
    }

    [Fact]
    public async Task Drops_a_paged_search_connection_the_caller_stopped_reading()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddManyAsync(Enumerable.Range(0, 30).Select(i => ($"uid=u{i},{subtree.Dn}", new (string, object[])[]
        {
            ("objectClass", ["inetOrgPerson"]), ("uid", [$"u{i}"]), ("cn", ["u"]), ("sn", ["u"]),
            ("mail", [$"u{i.ToString(CultureInfo.InvariantCulture)}@example.com"]),
        })));
        using var factory = LocalLdap.Factory();
        var client = factory.Create(subtree.Settings() with { PageSize = 10 });

        await foreach (var _ in client.GetUsersAsync())
        {
            break;
        }

        // The server still holds that search's paging state: the connection is closed, not pooled.
        Assert.Equal(0, factory.PoolStatistics.Idle);
        Assert.Equal(1, factory.PoolStatistics.Discarded);
        Assert.Equal(30, await client.GetUsersAsync().CountAsync());
    }

    [Fact]
    public async Task Closes_idle_connections_when_the_factory_is_disposed()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync("alice", ("mail", ["alice@example.com"]));
        var factory = LocalLdap.Factory();
        var client = factory.Create(subtree.Settings());
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.FindUserByLoginAsync("alice")));
        var idle = factory.PoolStatistics.Idle;

        factory.Dispose();

        Assert.InRange(idle, 1, 4);
        Assert.Equal(0, factory.PoolStatistics.Idle);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.FindUserByLoginAsync("alice"));
    }

    [Fact]
    public async Task Closes_connections_that_stayed_idle_too_long()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync("alice", ("mail", ["alice@example.com"]));
        using var factory = LocalLdap.Factory(o => o.IdleTimeout = TimeSpan.FromMilliseconds(400));
        var client = factory.Create(subtree.Settings());
        await client.FindUserByLoginAsync("alice");

        var idle = await Eventually.Get(() => Task.FromResult(factory.PoolStatistics.Idle), n => n == 0, TimeSpan.FromSeconds(5));
        await client.FindUserByLoginAsync("alice");

        Assert.Equal(0, idle);
        Assert.Equal(2, factory.PoolStatistics.Opened);
    }

    [Fact]
    public async Task Binds_again_once_a_busy_connection_outlives_its_lifetime_so_a_revoked_service_account_stops_working()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync("alice", ("mail", ["alice@example.com"]));
        using var factory = LocalLdap.Factory(o => o.MaxLifetime = TimeSpan.FromSeconds(1));
        var client = factory.Create(subtree.Settings());
        await client.FindUserByLoginAsync("alice");

        // The directory's admin gives the service account a new password. The bound connection keeps its identity,
        // and never idles out while lookups keep it busy.
        await subtree.ModifyAsync(subtree.ServiceDn, "userPassword", TestSubtree.Ssha("revoked-elsewhere-2"));
        var stillBound = await client.FindUserByLoginAsync("alice");
        var revoked = await Eventually.Get(async () =>
        {
            try
            {
                await client.FindUserByLoginAsync("alice");
                return (string?)null;
            }
            catch (DirectoryFailureException e)
            {
                return e.Failure.Code;
            }
        }, code => code is not null, TimeSpan.FromSeconds(10));

        Assert.Equal(LookupOutcome.Found, stillBound.Outcome);
        Assert.Equal(DirectoryFailureCodes.InvalidServiceCredentials, revoked);
    }
}
