namespace Platform.ServiceDefaults.Health;

public static class HealthTags
{
    /// <summary>Checks that must pass before the service takes traffic (Kubernetes readiness).</summary>
    public const string Ready = "ready";
}
