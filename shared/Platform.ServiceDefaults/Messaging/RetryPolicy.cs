using MassTransit;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>
/// In-process retry for transient failures. RabbitMQ here has no delayed-message plugin, so redelivery that must
/// outlive the process is kept durably in PostgreSQL by the features that need it, not by the broker.
/// </summary>
public static class RetryPolicy
{
    public static void Configure(IRetryConfigurator retry)
    {
        retry.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(400));
        // A message that cannot be read will never become readable: straight to the error queue.
        retry.Ignore<System.Text.Json.JsonException>();
        retry.Ignore<ArgumentException>();
    }
}
