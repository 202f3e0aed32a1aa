using JasperFx;
using Platform.Outbox.Store;
using Xunit;

namespace Platform.Outbox.Tests;

/// <summary><see cref="ConflictRetry"/>: what it runs again and what it does not. A real lost race through Marten is
/// in <see cref="Handling_commands_and_projecting"/>.</summary>
public sealed class Retrying_after_a_lost_race
{
    private static Exception LostRace() => new ConcurrencyException("another writer appended first", null);

    [Fact]
    public async Task Runs_the_attempt_again_when_its_commit_lost_a_race_and_returns_what_the_next_one_decided()
    {
        var runs = new List<int>();
        var result = await ConflictRetry.RunAsync(3, async attempt =>
        {
            runs.Add(attempt.Number);
            await attempt.CommitAsync(() => attempt.Number == 1 ? Task.FromException(LostRace()) : Task.CompletedTask);
            return $"decided in attempt {attempt.Number}";
        });

        Assert.Equal([1, 2], runs);
        Assert.Equal("decided in attempt 2", result);
    }

    [Fact]
    public async Task Throws_the_conflict_once_every_attempt_has_lost()
    {
        var runs = 0;
        await Assert.ThrowsAsync<ConcurrencyException>(() => ConflictRetry.RunAsync(3, async attempt =>
        {
            runs++;
            await attempt.CommitAsync(() => Task.FromException(LostRace()));
        }));

        Assert.Equal(3, runs);
    }

    [Fact]
    public async Task Does_not_run_again_for_a_conflict_thrown_outside_its_commit()
    {
        // A write the attempt made on its way (with retries of its own) lost: that is not this attempt's commit.
        var runs = 0;
        await Assert.ThrowsAsync<ConcurrencyException>(() => ConflictRetry.RunAsync(3, async attempt =>
        {
            runs++;
            await Task.Yield();
            throw LostRace();
        }));

        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task Does_not_run_again_for_a_commit_that_failed_for_another_reason()
    {
        var runs = 0;
        await Assert.ThrowsAsync<TimeoutException>(() => ConflictRetry.RunAsync(3, async attempt =>
        {
            runs++;
            await attempt.CommitAsync(() => Task.FromException(new TimeoutException()));
        }));

        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task Refuses_a_second_commit_in_one_attempt()
    {
        var commits = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => ConflictRetry.RunAsync(3, async attempt =>
        {
            await attempt.CommitAsync(() => Task.FromResult(++commits));
            await attempt.CommitAsync(() => Task.FromResult(++commits));
        }));

        Assert.Equal(1, commits);
    }
}
