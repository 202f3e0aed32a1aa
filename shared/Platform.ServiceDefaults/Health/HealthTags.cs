namespace Platform.ServiceDefaults.Health;

public static class HealthTags
{
    /// <summary>Checks that must pass before the service takes traffic (Kubernetes readiness).</summary>
    public const string Ready = "ready";

    /// <summary>
    /// Checks whose failure only a restart mends (Kubernetes liveness), e.g. the outbox relay's stuck bus. They must be
    /// cheap and must not fail while a dependency is down: that would restart every pod at once.
    /// </summary>
    public const string Live = "live";
}
