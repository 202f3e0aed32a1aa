namespace Platform.Outbox.Batching;

/// <summary>
/// Items handed in while a batch is running wait for it and then go together as the next batch, at most
/// <paramref name="maxBatch"/> at a time: under load many round trips become a few, and an item alone goes at once
/// (no timer to wait for). <paramref name="run"/> answers a batch's items in their order; when it throws, every item
/// of the batch gets its exception. A caller that gives up stops waiting; its item is still run with its batch.
/// Up to <paramref name="concurrency"/> batches run at once: items arriving while that many run wait for the first to
/// finish.
/// </summary>
public sealed class Batcher<TItem, TResult>(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> run, int maxBatch, int concurrency = 1)
{
    private readonly Lock _lock = new();
    private readonly List<Waiting> _waiting = [];
    private int _running;

    public Task<TResult> RunAsync(TItem item, CancellationToken cancellationToken = default)
    {
        var waiting = new Waiting(item);
        bool start;
        lock (_lock)
        {
            _waiting.Add(waiting);
            start = _running < concurrency;
            if (start)
            {
                _running++;
            }
        }

        if (start)
        {
            // The loop outlives this caller: it must not carry the caller's trace into every later batch.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(LoopAsync);
            }
        }

        return waiting.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task LoopAsync()
    {
        while (true)
        {
            List<Waiting> batch;
            lock (_lock)
            {
                if (_waiting.Count == 0)
                {
                    _running--;
                    return;
                }

                batch = _waiting.GetRange(0, Math.Min(maxBatch, _waiting.Count));
                _waiting.RemoveRange(0, batch.Count);
            }

            try
            {
                var results = await run([.. batch.Select(w => w.Item)]);
                if (results.Count != batch.Count)
                {
                    throw new InvalidOperationException($"A batch of {batch.Count} was answered with {results.Count} results.");
                }

                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.SetResult(results[i]);
                }
            }
            catch (Exception e)
            {
                foreach (var waiting in batch)
                {
                    waiting.Done.TrySetException(e);
                }
            }
        }
    }

    private sealed record Waiting(TItem Item)
    {
        public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
