namespace Platform.Auth.Clients;

/// <summary>Machine credentials (section <c>Auth:Clients</c>).</summary>
public sealed class ServiceClientOptions
{
    public const string Section = "Auth:Clients";

    /// <summary>
    /// How long a client-credentials access token is good for: short, since a revoked client's tokens are not taken
    /// back (the services remember a validated token for at most five minutes besides).
    /// </summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(10);
}
