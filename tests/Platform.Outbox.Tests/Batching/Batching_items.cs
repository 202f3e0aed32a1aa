using Platform.Outbox.Batching;
using Xunit;

namespace Platform.Outbox.Tests.Batching;

public sealed class Batching_items
{
    [Fact]
    public async Task Runs_an_item_alone_at_once_and_the_items_handed_in_meanwhile_together_in_their_order_at_most_a_batch_at_a_time()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batches = new List<int[]>();
        var batcher = new Batcher<int, string>(async items =>
        {
            lock (batches)
            {
                batches.Add([.. items]);
            }

            await gate.Task;
            return [.. items.Select(i => $"#{i}")];
        }, maxBatch: 4);

        var first = batcher.RunAsync(0);
        await WaitUntil(() => batches.Count == 1);
        var rest = Enumerable.Range(1, 6).Select(i => batcher.RunAsync(i)).ToList();
        gate.SetResult();

        Assert.Equal("#0", await first);
        Assert.Equal(["#1", "#2", "#3", "#4", "#5", "#6"], await Task.WhenAll(rest));
        Assert.Equal([[0], [1, 2, 3, 4], [5, 6]], batches);
    }

    [Fact]
    public async Task Runs_as_many_batches_at_once_as_its_concurrency_and_queues_the_rest_behind_them()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batches = new List<int[]>();
        var running = 0;
        var mostAtOnce = 0;
        var batcher = new Batcher<int, int>(async items =>
        {
            lock (batches)
            {
                batches.Add([.. items]);
                mostAtOnce = Math.Max(mostAtOnce, ++running);
            }

            await gate.Task;
            lock (batches)
            {
                running--;
            }

            return items;
        }, maxBatch: 4, concurrency: 2);

        var first = batcher.RunAsync(0);
        await WaitUntil(() => batches.Count == 1);
        var second = batcher.RunAsync(1);
        await WaitUntil(() => batches.Count == 2);
        var rest = Enumerable.Range(2, 6).Select(i => batcher.RunAsync(i)).ToList();
        gate.SetResult();

        Assert.Equal(new[] { 0, 1 }, await Task.WhenAll(first, second));
        Assert.Equal(new[] { 2, 3, 4, 5, 6, 7 }, await Task.WhenAll(rest));
        Assert.Equal(2, mostAtOnce);
        Assert.Equal([[0], [1]], batches.Take(2));
        Assert.Equal([2, 3, 4, 5, 6, 7], batches.Skip(2).SelectMany(b => b).Order());
        Assert.All(batches.Skip(2), b => Assert.InRange(b.Length, 1, 4));
    }

    [Fact]
    public async Task Fails_every_item_of_a_failing_batch_and_none_of_the_next()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        var batcher = new Batcher<int, int>(async items =>
        {
            var run = Interlocked.Increment(ref runs);
            await gate.Task;
            return run == 2 ? throw new InvalidOperationException("broken") : [.. items];
        }, maxBatch: 10);

        var first = batcher.RunAsync(1);
        await WaitUntil(() => Volatile.Read(ref runs) == 1);
        var failing = new[] { batcher.RunAsync(2), batcher.RunAsync(3) };
        gate.SetResult();
        Assert.Equal(1, await first);
        foreach (var item in failing)
        {
            Assert.Equal("broken", (await Assert.ThrowsAsync<InvalidOperationException>(() => item)).Message);
        }

        Assert.Equal(4, await batcher.RunAsync(4));
    }

    [Fact]
    public async Task Lets_a_caller_stop_waiting_while_its_item_still_runs_with_its_batch()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ran = new List<int>();
        var batcher = new Batcher<int, int>(async items =>
        {
            await gate.Task;
            lock (ran)
            {
                ran.AddRange(items);
            }

            return [.. items];
        }, maxBatch: 10);
        using var giveUp = new CancellationTokenSource();

        var waiting = batcher.RunAsync(1, giveUp.Token);
        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        gate.SetResult();
        Assert.Equal(2, await batcher.RunAsync(2));
        Assert.Equal([1, 2], ran);
    }

    [Fact]
    public async Task Fails_a_batch_answered_with_another_number_of_results()
    {
        var batcher = new Batcher<int, int>(_ => Task.FromResult<IReadOnlyList<int>>([]), maxBatch: 10);

        await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.RunAsync(1));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out.");
            await Task.Delay(5);
        }
    }
}
