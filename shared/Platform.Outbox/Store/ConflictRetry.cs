namespace Platform.Outbox.Store;

/// <summary>
/// Reading again and deciding again after losing a race, in one place. An attempt reads, decides and commits once
/// through <see cref="CommitAttempt.CommitAsync(Func{Task})"/>. When that commit finds that another writer got there
/// first (<see cref="StoreErrors.IsConcurrencyConflict"/>), the whole attempt runs again and reads what the other wrote;
/// after <c>attempts</c> attempts the conflict is thrown. A conflict thrown anywhere else in an attempt is not its
/// commit's: a write the attempt made on its way (a counted failure inside a login) has had its own retries, and is
/// thrown at once.
/// </summary>
public static class ConflictRetry
{
    public static async Task<TResult> RunAsync<TResult>(int attempts, Func<CommitAttempt, Task<TResult>> attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        for (var number = 1; ; number++)
        {
            var current = new CommitAttempt(number);
            try
            {
                return await attempt(current);
            }
            catch (Exception) when (number < attempts && current.LostRace)
            {
            }
        }
    }

    public static Task RunAsync(int attempts, Func<CommitAttempt, Task> attempt) =>
        RunAsync(attempts, async current =>
        {
            await attempt(current);
            return true;
        });
}

/// <summary>One attempt of <see cref="ConflictRetry"/>: its number, and its one commit.</summary>
public sealed class CommitAttempt
{
    internal CommitAttempt(int number) => Number = number;

    /// <summary>1 for the first attempt.</summary>
    public int Number { get; }

    internal bool LostRace { get; private set; }

    private bool committing;

    /// <summary>Runs the attempt's commit, noting whether it lost a race. An attempt commits once: running it again
    /// would write its earlier commit twice.</summary>
    public async Task CommitAsync(Func<Task> commit)
    {
        if (committing)
        {
            throw new InvalidOperationException("An attempt commits once; a second commit would be written again on a retry.");
        }

        committing = true;
        try
        {
            await commit();
        }
        catch (Exception e) when (StoreErrors.IsConcurrencyConflict(e))
        {
            LostRace = true;
            throw;
        }
    }

    public Task CommitAsync(Marten.IDocumentSession session, CancellationToken cancellationToken) =>
        CommitAsync(() => session.SaveChangesAsync(cancellationToken));
}
