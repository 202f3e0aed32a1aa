namespace Platform.Auth.Links;

/// <summary>An event of a login link request's stream (<c>link/{request id}</c>).</summary>
public abstract record LoginLinkEvent;

/// <summary>
/// A one-time login link was issued for one <c>IssueLoginLink</c> request (stream <c>link/{request id}</c>). Only the
/// token's hash is recorded. A redelivered request issues a new link that supersedes the earlier one (whose answer
/// never arrived), so one request never leaves two live links.
/// </summary>
public sealed record LoginLinkCreated(Guid RequestId, string Domain, string Email, string Purpose, string TokenHash, DateTimeOffset ExpiresAt, DateTimeOffset At) : LoginLinkEvent
{
    public static string StreamId(Guid requestId) => $"link/{requestId:N}";
}

/// <summary>The link was used to log in: it is spent.</summary>
public sealed record LoginLinkUsed(string TokenHash, DateTimeOffset At) : LoginLinkEvent;

/// <summary>
/// The link was voided before use, <paramref name="Reason"/> as the user's sessions ended (see <c>SessionEndings</c>): it
/// is refused as a superseded one is.
/// </summary>
public sealed record LoginLinkVoided(string TokenHash, string Reason, DateTimeOffset At) : LoginLinkEvent;
