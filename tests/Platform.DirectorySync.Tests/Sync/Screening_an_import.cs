using Platform.Directory.Search;
using Platform.DirectorySync.Sync;
using Xunit;

namespace Platform.DirectorySync.Tests.Sync;

public sealed class Screening_an_import
{
    [Fact]
    public void Accepts_exactly_what_the_planner_adds_for_a_domain_without_users_and_reports_the_same_problems()
    {
        var random = new Random(20261122);
        var entries = new List<DirectoryEntry>();
        for (var i = 0; i < 2000; i++)
        {
            // Small id and address spaces, so duplicates of both kinds occur often.
            var id = $"id-{random.Next(1500)}";
            var mail = $"user{random.Next(1800)}@example.com";
            IReadOnlyList<string> aliases = random.Next(4) == 0 ? [$"alias{random.Next(600)}@example.com"] : [];
            entries.Add(random.Next(50) == 0
                ? new EntryProblem($"uid=broken{i},dc=example,dc=com", EntryProblemCodes.NoAddress, "no mail")
                : new DirectoryUser(id, $"uid=u{i},dc=example,dc=com", $"u{i}", mail, aliases, null, false, null));
        }

        var plan = SyncPlanner.Plan([], entries, full: true, 0.1);
        var screen = new ImportScreen();
        var accepted = entries.Select(screen.Accept).OfType<DirectoryUser>().ToList();

        Assert.Equal(plan.Added, accepted);
        Assert.Equal(plan.Users, screen.Users);
        Assert.Equal(
            plan.Problems.Select(p => (p.Dn, p.Code)).Order(),
            screen.Problems.Select(p => (p.Dn, p.Code)).Order());
        Assert.Contains(screen.Problems, p => p.Code == SyncProblemCodes.DuplicateId);
        Assert.Contains(screen.Problems, p => p.Code == SyncProblemCodes.DuplicateAddress);
    }
}
