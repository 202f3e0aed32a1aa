namespace Platform.Auth.Tokens;

/// <summary>Token lifetimes (section <c>Auth:Tokens</c>).</summary>
public sealed class TokenOptions
{
    public const string Section = "Auth:Tokens";

    /// <summary>How long an access token is good for: short, since a token cannot be taken back.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a refresh token is good for; each refresh hands out a new one, so an active session goes on.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(12);
}
