using System.Collections.Concurrent;

namespace Platform.Directory.Connections;

/// <summary>
/// The threads blocking libldap calls run on: dedicated threads (never the thread pool's) that are kept for the next
/// call instead of being created for each one, as <c>TaskCreationOptions.LongRunning</c> does.
/// </summary>
/// <remarks>
/// A call never waits for a thread: when none is idle a new one starts, so a hanging server that holds threads
/// cannot delay calls to other servers (the pool's connection slots bound how many calls can hang). A thread idle
/// for <see cref="IdleLifetime"/> ends, so a burst does not leave threads behind.
/// </remarks>
internal static class LdapWorkers
{
    private static readonly TimeSpan IdleLifetime = TimeSpan.FromSeconds(30);
    private static readonly ConcurrentQueue<Action> Work = new();
    private static readonly SemaphoreSlim Wake = new(0);

    // Threads waiting for work that nobody has claimed yet; a caller claims one (and wakes it) or starts a thread.
    private static int s_idle;

    public static Task<T> Run<T>(Func<T> call)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Work.Enqueue(() =>
        {
            try
            {
                done.SetResult(call());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        if (TryClaimIdle())
        {
            Wake.Release();
        }
        else
        {
            new Thread(Serve) { IsBackground = true, Name = "ldap-worker" }.Start();
        }

        return done.Task;
    }

    private static void Serve()
    {
        // Every start and every wake-up was paid for by exactly one queued call, so there is always one to take.
        while (true)
        {
            if (Work.TryDequeue(out var next))
            {
                next();
            }

            Interlocked.Increment(ref s_idle);
            if (!Wake.Wait(IdleLifetime))
            {
                if (TryClaimIdle())
                {
                    return;
                }

                // A caller claimed this thread's idleness just as it timed out: its wake-up is on the way.
                Wake.Wait();
            }
        }
    }

    private static bool TryClaimIdle()
    {
        var idle = Volatile.Read(ref s_idle);
        while (idle > 0)
        {
            var seen = Interlocked.CompareExchange(ref s_idle, idle - 1, idle);
            if (seen == idle)
            {
                return true;
            }

            idle = seen;
        }

        return false;
    }
}
