using Platform.Auth.Accounts;
using Platform.Auth.Lockout;
using Xunit;

namespace Platform.Auth.Tests.Lockout;

public sealed class Locking_accounts_after_failed_logins
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly LockoutOptions Options = new();

    [Fact]
    public void Locks_the_account_at_the_fifth_failure_in_a_row()
    {
        var (state, _) = Fail(AccountLockout.Initial, 4, Start);
        Assert.Null(LockoutDecisions.LockedFor(state, Start.AddSeconds(5)));

        var events = LockoutDecisions.RecordFailure(state, "wrong_password", Start.AddSeconds(5), Options);

        var locked = Assert.IsType<AccountLocked>(events[^1]);
        Assert.Equal(Start.AddSeconds(35), locked.Until);
        Assert.Equal(TimeSpan.FromSeconds(30), LockoutDecisions.LockedFor(Fold(state, events), Start.AddSeconds(5)));
    }

    [Fact]
    public void Grows_each_further_lock_up_to_the_maximum()
    {
        var state = AccountLockout.Initial;
        var now = Start;
        var waits = new List<TimeSpan>();
        for (var lockNumber = 0; lockNumber < 8; lockNumber++)
        {
            (state, now) = Fail(state, 5, now);
            waits.Add(state.LockedUntil!.Value - now);
            now = state.LockedUntil!.Value; // tries again as soon as the lock ends
        }

        Assert.Equal(
            [30, 60, 120, 240, 480, 900, 900, 900],
            waits.Select(w => (int)w.TotalSeconds));
    }

    [Fact]
    public void Forgets_failures_and_earlier_locks_after_a_quiet_period()
    {
        var (state, now) = Fail(AccountLockout.Initial, 5, Start);
        (state, now) = Fail(state, 4, state.LockedUntil!.Value);

        var later = now + Options.FailureResetAfter;
        var events = LockoutDecisions.RecordFailure(state, "wrong_password", later, Options);

        Assert.Equal(1, Assert.IsType<LoginFailureCounted>(Assert.Single(events)).Count);
        var (relocked, at) = Fail(Fold(state, events), 4, later);
        Assert.Equal(TimeSpan.FromSeconds(30), relocked.LockedUntil!.Value - at);
    }

    [Fact]
    public void Resets_on_success_and_records_nothing_when_there_was_nothing_to_reset()
    {
        var (state, now) = Fail(AccountLockout.Initial, 3, Start);

        var reset = LockoutDecisions.RecordSuccess(state, now);

        Assert.IsType<FailuresReset>(Assert.Single(reset));
        Assert.Equal(AccountLockout.Initial, Fold(state, reset));
        Assert.Empty(LockoutDecisions.RecordSuccess(AccountLockout.Initial, now));
    }

    private static (AccountLockout State, DateTimeOffset Now) Fail(AccountLockout state, int times, DateTimeOffset now)
    {
        for (var i = 0; i < times; i++)
        {
            now = now.AddSeconds(1);
            state = Fold(state, LockoutDecisions.RecordFailure(state, "wrong_password", now, Options));
        }

        return (state, now);
    }

    private static AccountLockout Fold(AccountLockout state, IReadOnlyList<CredentialEvent> events) => events.Aggregate(state, (s, e) => s.Apply(e));
}
