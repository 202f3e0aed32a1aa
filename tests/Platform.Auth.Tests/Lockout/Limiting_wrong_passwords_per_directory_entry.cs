using Platform.Auth.Lockout;
using Xunit;

namespace Platform.Auth.Tests.Lockout;

public sealed class Limiting_wrong_passwords_per_directory_entry
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly LockoutOptions Options = new();

    [Fact]
    public void Binds_while_fewer_than_five_wrong_passwords_run_without_thirty_quiet_minutes()
    {
        Assert.Null(DirectoryEntryDecisions.WaitBeforeBind([], Start, Options));
        Assert.Null(DirectoryEntryDecisions.WaitBeforeBind(Minutes(0, 1, 2, 3), Start.AddMinutes(4), Options));
        Assert.Null(DirectoryEntryDecisions.WaitBeforeBind(Minutes(0, 1, 2, 3, 4), Start.AddMinutes(34), Options));
    }

    [Fact]
    public void Waits_after_the_fifth_until_thirty_minutes_have_passed_since_the_last()
    {
        var five = Minutes(0, 1, 2, 3, 4);

        Assert.Equal(TimeSpan.FromMinutes(29), DirectoryEntryDecisions.WaitBeforeBind(five, Start.AddMinutes(5), Options));
        Assert.Equal(TimeSpan.FromSeconds(1), DirectoryEntryDecisions.WaitBeforeBind(five, Start.AddMinutes(34).AddSeconds(-1), Options));
    }

    [Fact]
    public void Keeps_counting_a_slow_guesser_as_active_directory_does_until_a_quiet_window()
    {
        // Never five within any 30 minutes, but AD's badPwdCount would be 5: its observation window never passed.
        var slow = Minutes(0, 25, 50, 75, 100);

        Assert.Equal(TimeSpan.FromMinutes(29), DirectoryEntryDecisions.WaitBeforeBind(slow, Start.AddMinutes(101), Options));
        Assert.Null(DirectoryEntryDecisions.WaitBeforeBind(Minutes(0, 25, 50, 90, 100), Start.AddMinutes(101), Options));
    }

    [Fact]
    public void Follows_the_settings_and_forgets_only_what_cannot_count_any_more()
    {
        var options = new LockoutOptions { DirectoryEntryFailuresAllowed = 2, DirectoryEntryWindow = TimeSpan.FromMinutes(10) };
        var failures = Minutes(0, 1, 2, 15, 16);

        Assert.Equal(TimeSpan.FromMinutes(9), DirectoryEntryDecisions.WaitBeforeBind(failures, Start.AddMinutes(17), options));
        Assert.Null(DirectoryEntryDecisions.WaitBeforeBind(failures, Start.AddMinutes(26), options));
        Assert.Equal(Start.AddMinutes(-3), DirectoryEntryDecisions.ForgetBefore(Start.AddMinutes(17), options));
    }

    private static List<DateTimeOffset> Minutes(params int[] minutes) => [.. minutes.Select(m => Start.AddMinutes(m))];
}
