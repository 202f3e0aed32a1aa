using Platform.Directory.Connections;
using Xunit;

namespace Platform.Directory.Tests.Unit;

public sealed class Running_blocking_directory_calls
{
    [Fact]
    public async Task A_call_runs_on_a_dedicated_thread_never_the_thread_pool()
    {
        var onPool = await LdapWorkers.Run(() => Thread.CurrentThread.IsThreadPoolThread);

        Assert.False(onPool);
    }

    [Fact]
    public async Task Calls_in_a_row_reuse_kept_threads_instead_of_one_thread_each()
    {
        var threads = new HashSet<Thread>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < 50; i++)
        {
            threads.Add(await LdapWorkers.Run(() => Thread.CurrentThread));
        }

        // Other tests use the workers at the same time and may hold a kept thread now and then; a thread per call is 50.
        Assert.True(threads.Count < 25, $"{threads.Count} threads for 50 calls in a row");
    }

    [Fact]
    public async Task A_call_that_hangs_does_not_delay_the_next_one()
    {
        using var release = new ManualResetEventSlim();
        var hanging = LdapWorkers.Run(() => release.Wait(TimeSpan.FromSeconds(30)));
        try
        {
            var next = await LdapWorkers.Run(() => 42).WaitAsync(TimeSpan.FromSeconds(5));

            Assert.Equal(42, next);
            Assert.False(hanging.IsCompleted);
        }
        finally
        {
            release.Set();
        }

        Assert.True(await hanging);
    }

    [Fact]
    public async Task A_failing_call_hands_its_exception_to_the_caller()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => LdapWorkers.Run<int>(() => throw new InvalidOperationException("refused")));

        Assert.Equal("refused", failure.Message);
    }
}
