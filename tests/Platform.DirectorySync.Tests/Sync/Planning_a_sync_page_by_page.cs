using System.Runtime.CompilerServices;
using Platform.Directory.Search;
using Platform.DirectorySync.Sync;
using Xunit;

namespace Platform.DirectorySync.Tests.Sync;

/// <summary>A sync plans the directory as its pages arrive, keeping what changes and never the unchanged entries.</summary>
public sealed class Planning_a_sync_page_by_page
{
    [Fact]
    public void Keeps_no_unchanged_entry_once_it_is_planned_and_every_changed_one()
    {
        var known = Enumerable.Range(0, 2000).Select(i => new KnownUser($"id-{i}", $"user{i}@example.com", [], $"User {i}", false)).ToList();
        var plan = new SyncPlanBuilder(known);
        var unchanged = Feed(plan, known.Skip(1), renamed: null);
        var renamed = Feed(plan, known.Take(1), renamed: "renamed0@example.com");

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.DoesNotContain(unchanged, entry => entry.TryGetTarget(out _));
        Assert.True(Assert.Single(renamed).TryGetTarget(out _));
        var result = plan.Build(full: true, 0.1);
        Assert.Equal("renamed0@example.com", Assert.Single(result.Updated).After.PrimaryAddress);
        Assert.Equal(2000, result.Users);
        Assert.Empty(result.Removed);
    }

    [Fact]
    public void Lets_a_known_user_further_on_keep_the_address_a_newcomer_claimed_first()
    {
        var alice = new KnownUser("id-alice", "alice@example.com", [], "Alice", false);
        var plan = new SyncPlanBuilder([alice]);

        plan.Add(new DirectoryUser("id-mallory", "uid=mallory", "mallory", "alice@example.com", [], null, false, null));
        plan.Add(new DirectoryUser("id-alice", "uid=alice", "alice", "alice@example.com", [], "Alice", false, null));
        var result = plan.Build(full: true, 0.1);

        Assert.Empty(result.Added);
        Assert.True(result.ChangesNothing);
        Assert.Equal("uid=mallory", Assert.Single(result.Problems, p => p.Code == SyncProblemCodes.DuplicateAddress).Dn);
    }

    /// <summary>Feeds fresh entries for the users, held by the test only weakly (not inlined, so no local keeps them).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<WeakReference<DirectoryUser>> Feed(SyncPlanBuilder plan, IEnumerable<KnownUser> users, string? renamed)
    {
        var references = new List<WeakReference<DirectoryUser>>();
        foreach (var user in users)
        {
            // New strings, as a search would deliver them, not the managed list's own.
            var entry = new DirectoryUser(new string(user.DirectoryId), $"uid={user.DirectoryId},dc=example,dc=com", "login",
                renamed ?? new string(user.Email), [], new string(user.DisplayName), false, "20261207000000Z");
            references.Add(new WeakReference<DirectoryUser>(entry));
            plan.Add(entry);
        }

        return references;
    }
}
