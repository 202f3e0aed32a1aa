using Platform.Directory.Failures;
using Platform.Directory.Mapping;
using Platform.Directory.Search;
using Platform.Directory.Tests.Fixtures;
using Xunit;

namespace Platform.Directory.Tests;

public sealed class Tracking_changes
{
    [Fact]
    public async Task Returns_exactly_the_entry_modified_after_the_mark()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        var alice = await subtree.AddUserAsync("alice", ("mail", ["alice@example.com"]));
        await subtree.AddUserAsync("bob", ("mail", ["bob@example.com"]));
        await subtree.AddUserAsync("carol", ("mail", ["carol@example.com"]));
        // modifyTimestamp has whole seconds: start the mark in a second after the entries were written.
        await NextSecondAsync();
        using var factory = LocalLdap.Factory(o => o.ClockSkewAllowance = TimeSpan.Zero);
        var client = factory.Create(subtree.Settings());

        var mark = await client.ReadChangeMarkAsync();
        var before = await client.GetUsersChangedSinceAsync(mark).ToListAsync();
        await subtree.ModifyAsync(alice, "mail", "alice.new@example.com");
        var after = await client.GetUsersChangedSinceAsync(mark).ToListAsync();
        var restored = await client.GetUsersChangedSinceAsync(ChangeMark.Parse(mark.Serialize())).ToListAsync();

        Assert.IsType<TimestampChangeMark>(mark);
        Assert.Empty(before);
        var changed = Assert.IsType<DirectoryUser>(Assert.Single(after));
        Assert.Equal("alice.new@example.com", changed.PrimaryAddress);
        Assert.Equal(after, restored);
        Assert.Equal(3, await client.GetUsersAsync().CountAsync());
    }

    [Fact]
    public async Task Refuses_a_mark_that_does_not_fit_the_domains_change_tracking()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        using var factory = LocalLdap.Factory();
        var client = factory.Create(subtree.Settings());

        Assert.Throws<FullSyncRequiredException>(() => client.GetUsersChangedSinceAsync(new UsnChangeMark("dc1.corp.example.com", 5)));
    }

    [Fact]
    public async Task Explains_that_usn_tracking_needs_active_directory()
    {
        // The Active Directory kind with its default change tracking (uSNChanged) against OpenLDAP, which has no USNs.
        await using var subtree = await TestSubtree.CreateAsync();
        using var factory = LocalLdap.Factory();
        var settings = subtree.Settings(DirectoryKind.ActiveDirectory);
        var client = factory.Create(settings with { Attributes = settings.Attributes! with { Changes = null } });

        var error = await Assert.ThrowsAsync<DirectoryFailureException>(() => client.ReadChangeMarkAsync());

        Assert.Equal(DirectoryFailureCodes.DirectoryError, error.Code);
        Assert.Contains("highestCommittedUSN", error.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requires_a_full_sync_when_a_usn_mark_comes_from_another_server()
    {
        // OpenLDAP publishes no dnsHostName: the server a USN mark must match is then the host we connected to.
        await using var subtree = await TestSubtree.CreateAsync();
        await subtree.AddUserAsync("alice", ("mail", ["alice@example.com"]));
        using var factory = LocalLdap.Factory();
        var settings = subtree.Settings(DirectoryKind.ActiveDirectory);
        var client = factory.Create(settings with { Attributes = settings.Attributes! with { Changes = ChangeTracking.UsnChanged } });

        var error = await Assert.ThrowsAsync<FullSyncRequiredException>(async () =>
            await client.GetUsersChangedSinceAsync(new UsnChangeMark("dc2.corp.example.com", 41)).ToListAsync());
        var sameServer = await client.GetUsersChangedSinceAsync(new UsnChangeMark(LocalLdap.Host, 41)).ToListAsync();

        Assert.Contains("dc2.corp.example.com", error.Message, StringComparison.Ordinal);
        Assert.Empty(sameServer);
    }

    private static async Task NextSecondAsync()
    {
        var now = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromMilliseconds(1000 - now.Millisecond + 20));
    }
}
