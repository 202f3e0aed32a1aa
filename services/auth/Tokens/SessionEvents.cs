namespace Platform.Auth.Tokens;

/// <summary>An event of a login session's stream (<c>session/{id}</c>).</summary>
public abstract record SessionEvent;

/// <summary>
/// A login session (stream <c>session/{id}</c>): the chain of refresh tokens handed out since one login. Only token
/// hashes are recorded, never a token.
/// </summary>
public sealed record SessionStarted(Guid SessionId, string Domain, string Email, IReadOnlyList<string> Methods, string TokenHash, DateTimeOffset ExpiresAt, DateTimeOffset At) : SessionEvent
{
    public static string StreamId(Guid sessionId) => $"session/{sessionId:N}";
}

/// <summary>A refresh token was used: it is spent, and the next one of the chain takes its place.</summary>
public sealed record SessionRefreshed(string UsedHash, string TokenHash, DateTimeOffset ExpiresAt, DateTimeOffset At) : SessionEvent;

/// <summary>
/// The session ends: <c>logout</c>, <c>reuse</c> (a spent refresh token came back — stolen, so the whole chain goes),
/// <c>inactive</c> (the user was set inactive), or another of <c>SessionEndings</c> (the registry or the directory
/// let the user go).
/// </summary>
public sealed record SessionRevoked(string Reason, DateTimeOffset At) : SessionEvent;
