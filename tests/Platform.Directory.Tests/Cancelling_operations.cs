using System.Diagnostics;
using Platform.Directory.Failures;
using Platform.Directory.Settings;
using Platform.Directory.Tests.Fixtures;
using Xunit;

namespace Platform.Directory.Tests;

public sealed class Cancelling_operations
{
    [Theory]
    [InlineData(DirectorySecurity.None)]
    [InlineData(DirectorySecurity.Ldaps)]
    public async Task Returns_promptly_when_cancelled_while_the_server_hangs(DirectorySecurity security)
    {
        await using var subtree = await TestSubtree.CreateAsync();
        using var silent = new SilentListener();
        using var factory = LocalLdap.Factory();
        var client = factory.Create(subtree.Settings(security: security) with { Port = silent.Port, OperationTimeout = TimeSpan.FromSeconds(30) });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.FindUserByLoginAsync("alice", cancel.Token));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Frees_a_hanging_connections_slot_once_its_socket_is_shut_down()
    {
        // libldap 2.5 has no timeout for a TLS handshake: on the guard's timeout the socket is shut down, so the thread
        // in libldap returns, the connection is closed and its slot (the only one) serves the next caller.
        await using var subtree = await TestSubtree.CreateAsync();
        using var silent = new SilentListener();
        using var factory = LocalLdap.Factory(o => o.MaxConnectionsPerDirectory = 1);
        var client = factory.Create(subtree.Settings(security: DirectorySecurity.Ldaps) with
        {
            Port = silent.Port, ConnectTimeout = TimeSpan.FromSeconds(1), OperationTimeout = TimeSpan.FromSeconds(1),
        });

        var first = await Assert.ThrowsAsync<DirectoryFailureException>(() => client.FindUserByLoginAsync("alice"));
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var second = await Assert.ThrowsAsync<DirectoryFailureException>(() => client.FindUserByLoginAsync("alice", wait.Token));

        Assert.Equal(DirectoryFailureCodes.Timeout, first.Code);
        Assert.Equal(DirectoryFailureCodes.Timeout, second.Code);
        Assert.Equal(2, silent.Accepted);
    }
}
