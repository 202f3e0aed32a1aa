using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Platform.Auth.Tokens;
using Platform.Contracts;
using Platform.Security;

namespace Platform.Auth.Links;

/// <summary>
/// Issues login links for requests on the bus: a URL carrying a fresh random token, of which only the hash is
/// recorded (<see cref="LoginLinkCreated"/>, stream <c>link/{request id}</c>).
/// </summary>
public sealed class LoginLinkIssuer(IOptions<LoginLinkOptions> options, TimeProvider clock)
{
    /// <summary>The link for <paramref name="request"/>: the event to record, and the answer to send once it is committed.</summary>
    public (LoginLinkCreated Created, LoginLinkIssued Answer) Issue(Guid requestId, IssueLoginLink request)
    {
        if (EmailAddresses.FromEvent(request.Domain, request.Email) is not { } user)
        {
            throw new ArgumentException("IssueLoginLink does not name an address in its domain.");
        }

        var token = RefreshTokens.New();
        var at = clock.GetUtcNow();
        var expires = at + options.Value.LifetimeOf(request.Purpose);
        return (new LoginLinkCreated(requestId, user.Domain, user.Email, request.Purpose, RefreshTokens.Hash(token), expires, at),
            new LoginLinkIssued { Url = $"{options.Value.BaseUrl}?token={token}", ExpiresAt = expires });
    }

    /// <summary>
    /// The request id of the <paramref name="index"/>th link of a batch request: the same on every delivery of that
    /// request, so a redelivered batch supersedes its own links as a redelivered single request does.
    /// </summary>
    public static Guid ItemRequestId(Guid batchRequestId, int index) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{batchRequestId:N}/{index}")).AsSpan(0, 16));
}
