namespace Platform.Security.Tokens;

/// <summary>A signed platform token. <see cref="ToString"/> leaves the token out, so logging this is safe.</summary>
public sealed class IssuedToken(string token, string id, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
{
    /// <summary>The compact JWT, to hand to the client as a bearer token.</summary>
    public string Token { get; } = token;

    /// <summary>The <c>jti</c>: safe to log, and what a revocation list would hold.</summary>
    public string Id { get; } = id;

    public DateTimeOffset IssuedAt { get; } = issuedAt;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public override string ToString() => $"platform token {Id}, expires {ExpiresAt:O}";
}
