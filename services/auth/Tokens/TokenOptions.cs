namespace Platform.Auth.Tokens;

/// <summary>Token lifetimes (section <c>Auth:Tokens</c>).</summary>
public sealed class TokenOptions
{
    public const string Section = "Auth:Tokens";

    /// <summary>How long an access token is good for: short, since a token cannot be taken back.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a refresh token is good for; each refresh hands out a new one, so an active session goes on.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// How long a session lasts at most from its login, however often it is refreshed: no refresh token of the
    /// session expires later, so a copied token stops working by then whatever else happens.
    /// </summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>When a token handed out at <paramref name="now"/> in a session started at <paramref name="started"/> expires.</summary>
    public DateTimeOffset RefreshExpiry(DateTimeOffset started, DateTimeOffset now) =>
        now + RefreshTokenLifetime < started + SessionLifetime ? now + RefreshTokenLifetime : started + SessionLifetime;
}
