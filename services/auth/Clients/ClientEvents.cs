namespace Platform.Auth.Clients;

/// <summary>An event of a machine credential's stream (<c>client/{id}</c>).</summary>
public abstract record ServiceClientEvent;

/// <summary>
/// A platform admin created a machine credential (stream <c>client/{id}</c>) for <paramref name="Role"/>: only the
/// secret's SHA-256 is recorded (the secret is 256 random bits, so a fast hash hides it as well as a slow one).
/// </summary>
public sealed record ServiceClientCreated(string ClientId, string Name, string Role, string SecretHash, string By, DateTimeOffset At) : ServiceClientEvent
{
    public static string StreamId(string clientId) => $"client/{clientId}";
}

/// <summary>The credential no longer gets tokens; those it got run out within their short lifetime.</summary>
public sealed record ServiceClientRevoked(string By, DateTimeOffset At) : ServiceClientEvent;
