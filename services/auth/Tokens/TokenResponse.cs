namespace Platform.Auth.Tokens;

/// <summary>A login's or a refresh's answer (the shape of an OAuth 2.0 token response).</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, int RefreshExpiresIn)
{
    /// <summary>Never the tokens: this may end up in a log line.</summary>
    public override string ToString() => $"tokens expiring in {ExpiresIn} s / {RefreshExpiresIn} s";
}
