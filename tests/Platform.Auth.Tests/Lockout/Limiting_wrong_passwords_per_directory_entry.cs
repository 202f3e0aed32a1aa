using Platform.Auth.Lockout;
using Xunit;

namespace Platform.Auth.Tests.Lockout;

public sealed class Limiting_wrong_passwords_per_directory_entry
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly LockoutOptions Options = new();

    [Fact]
    public void Binds_while_fewer_than_five_wrong_passwords_lie_within_thirty_minutes()
    {
        var four = Minutes(0, 1, 2, 3);

        Assert.Null(DirectoryEntryDecisions.WaitBeforeBind(four, Start.AddMinutes(4), Options));
        Assert.Null(DirectoryEntryDecisions.WaitBeforeBind([.. four, Start.AddMinutes(4)], Start.AddMinutes(30), Options));
    }

    [Fact]
    public void Waits_at_the_fifth_until_the_oldest_leaves_the_window()
    {
        var five = Minutes(0, 1, 2, 3, 4);

        Assert.Equal(TimeSpan.FromMinutes(25), DirectoryEntryDecisions.WaitBeforeBind(five, Start.AddMinutes(5), Options));
        Assert.Equal(TimeSpan.FromSeconds(1), DirectoryEntryDecisions.WaitBeforeBind(five, Start.AddMinutes(30).AddSeconds(-1), Options));
        Assert.Null(DirectoryEntryDecisions.WaitBeforeBind(five, Start.AddMinutes(30), Options));
    }

    [Fact]
    public void Counts_only_what_lies_within_the_window_and_follows_the_settings()
    {
        var options = new LockoutOptions { DirectoryEntryFailuresAllowed = 2, DirectoryEntryWindow = TimeSpan.FromMinutes(10) };
        var failures = Minutes(0, 1, 2, 15, 16);

        Assert.Equal(TimeSpan.FromMinutes(8), DirectoryEntryDecisions.WaitBeforeBind(failures, Start.AddMinutes(17), options));
        Assert.Null(DirectoryEntryDecisions.WaitBeforeBind(failures, Start.AddMinutes(25), options));
    }

    private static List<DateTimeOffset> Minutes(params int[] minutes) => [.. minutes.Select(m => Start.AddMinutes(m))];
}
