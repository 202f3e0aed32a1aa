namespace Platform.Notifications.Delivery;

/// <summary>Wakes the delivery lanes of this replica when a mail was queued here, instead of waiting for their next look.</summary>
public sealed class DeliverySignal
{
    private readonly SemaphoreSlim _waiting = new(0);

    public void Notify()
    {
        if (_waiting.CurrentCount == 0)
        {
            _waiting.Release();
        }
    }

    /// <summary>Returns when notified or after <paramref name="timeout"/>.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _waiting.WaitAsync(timeout, cancellationToken);
}
