using Platform.Directory.Search;
using Platform.DirectorySync.Sync;
using Xunit;

namespace Platform.DirectorySync.Tests.Sync;

public sealed class Planning_a_sync
{
    private static readonly KnownUser Alice = new("id-alice", "alice@example.com", ["a.smith@example.com"], "Alice Smith", Disabled: false);
    private static readonly KnownUser Bob = new("id-bob", "bob@example.com", [], "Bob Jones", Disabled: false);

    [Fact]
    public void Adds_every_user_of_a_first_import_and_removes_nothing()
    {
        var plan = SyncPlanner.Plan([], [Entry(Alice), Entry(Bob)], full: true, 0.1);

        Assert.Equal(["id-alice", "id-bob"], plan.Added.Select(u => u.Id));
        Assert.Equal(2, plan.Users);
        Assert.Empty(plan.Removed);
        Assert.Empty(plan.HeldRemovals);
    }

    [Fact]
    public void Changes_nothing_when_the_directory_is_unchanged_whatever_the_order_of_aliases()
    {
        var alice = Alice with { Aliases = ["x@example.com", "a.smith@example.com"] };

        var plan = SyncPlanner.Plan([alice, Bob], [Entry(Bob), Entry(alice with { Aliases = ["a.smith@example.com", "x@example.com"] })], full: true, 0.1);

        Assert.True(plan.ChangesNothing);
        Assert.Equal(2, plan.Users);
    }

    [Fact]
    public void Follows_a_user_by_stable_id_when_their_address_changes()
    {
        var renamed = Entry(Alice with { Email = "alice.smith@example.com", Aliases = ["alice@example.com"] });

        var plan = SyncPlanner.Plan([Alice, Bob], [renamed, Entry(Bob)], full: true, 0.1);

        var update = Assert.Single(plan.Updated);
        Assert.Equal("alice@example.com", update.Before.Email);
        Assert.Equal("alice.smith@example.com", update.After.PrimaryAddress);
        Assert.True(update.AddressChanged);
        Assert.Empty(plan.Added);
        Assert.Empty(plan.Removed);
    }

    [Fact]
    public void Reports_a_name_or_alias_change_as_an_update_of_the_same_address()
    {
        var plan = SyncPlanner.Plan([Alice, Bob], [Entry(Alice with { DisplayName = "Alice Jones" }), Entry(Bob with { Aliases = ["bobby@example.com"] })], full: true, 0.1);

        Assert.Equal(["id-alice", "id-bob"], plan.Updated.Select(u => u.After.Id));
        Assert.All(plan.Updated, u => Assert.False(u.AddressChanged));
    }

    [Fact]
    public void Disables_and_enables_users_as_the_directory_does()
    {
        var disabledBob = Bob with { Disabled = true };

        var plan = SyncPlanner.Plan([Alice, disabledBob], [Entry(Alice with { Disabled = true }), Entry(Bob)], full: true, 0.1);

        Assert.Equal([Alice], plan.Disabled);
        Assert.Equal([disabledBob], plan.Enabled);
        Assert.Empty(plan.Updated);
    }

    [Fact]
    public void Removes_a_user_a_full_sync_no_longer_finds_within_the_threshold()
    {
        var known = Users(20).ToList();

        var plan = SyncPlanner.Plan(known, known.Skip(2).Select(Entry), full: true, 0.1);

        Assert.Equal(known.Take(2), plan.Removed);
        Assert.Null(plan.HoldReason);
    }

    [Fact]
    public void Holds_every_removal_when_a_run_would_remove_more_than_the_threshold()
    {
        var known = Users(20).ToList();

        var plan = SyncPlanner.Plan(known, known.Skip(3).Select(Entry), full: true, 0.1);

        Assert.Empty(plan.Removed);
        Assert.Equal(3, plan.HeldRemovals.Count);
        Assert.Equal(HoldReasons.AboveThreshold, plan.HoldReason);
    }

    [Fact]
    public void Holds_every_removal_when_the_directory_returns_no_user()
    {
        var plan = SyncPlanner.Plan([Alice, Bob], [], full: true, deletionThreshold: 1.0);

        Assert.Empty(plan.Removed);
        Assert.Equal(2, plan.HeldRemovals.Count);
        Assert.Equal(HoldReasons.NoUsersFound, plan.HoldReason);
    }

    [Fact]
    public void Never_removes_on_a_changed_only_sync_which_cannot_see_deletions()
    {
        var plan = SyncPlanner.Plan([Alice, Bob], [Entry(Alice with { DisplayName = "A" })], full: false, 0.1);

        Assert.Empty(plan.Removed);
        Assert.Empty(plan.HeldRemovals);
        Assert.Single(plan.Updated);
    }

    [Fact]
    public void Skips_and_reports_a_malformed_entry_and_a_duplicate_without_failing_the_run()
    {
        var malformed = new EntryProblem("uid=broken,ou=people,dc=example,dc=com", EntryProblemCodes.NoAddress, "no mail");
        var twin = Entry(Bob) with { Dn = "uid=bob2,ou=people,dc=example,dc=com" };
        var thief = Entry(new KnownUser("id-mallory", "mallory@example.com", ["a.smith@example.com"], null, false));

        var plan = SyncPlanner.Plan([Alice, Bob], [thief, Entry(Alice), malformed, Entry(Bob), twin], full: true, 0.1);

        Assert.Equal(3, plan.Problems.Count);
        Assert.Contains(plan.Problems, p => p.Code == EntryProblemCodes.NoAddress && p.Dn == malformed.Dn);
        Assert.Contains(plan.Problems, p => p.Code == SyncProblemCodes.DuplicateAddress && p.Dn == thief.Dn);
        Assert.Contains(plan.Problems, p => p.Code == SyncProblemCodes.DuplicateId && p.Dn == twin.Dn);
        Assert.Empty(plan.Added);
        Assert.True(plan.ChangesNothing);
        Assert.Equal(2, plan.Users);
    }

    [Theory]
    [InlineData(0, 100, 100, 0.1, null)]
    [InlineData(10, 100, 90, 0.1, null)]
    [InlineData(11, 100, 89, 0.1, HoldReasons.AboveThreshold)]
    [InlineData(1, 5, 4, 0.1, HoldReasons.AboveThreshold)]
    [InlineData(1, 5, 4, 0.25, null)]
    [InlineData(3, 3, 0, 1.0, HoldReasons.NoUsersFound)]
    public void Holds_removals_by_share_and_never_when_nothing_was_found(int removals, int known, int found, double threshold, string? reason)
    {
        Assert.Equal(reason, SyncPlanner.HoldReason(removals, known, found, threshold));
    }

    private static IEnumerable<KnownUser> Users(int count) =>
        Enumerable.Range(0, count).Select(i => new KnownUser($"id-{i:D3}", $"user{i:D3}@example.com", [], $"User {i}", false));

    private static DirectoryUser Entry(KnownUser user) => new(
        user.DirectoryId, $"uid={user.Email.Split('@')[0]},ou=people,dc=example,dc=com", user.Email.Split('@')[0],
        user.Email, user.Aliases, user.DisplayName, user.Disabled, "20261122080000Z");
}
