using Marten;
using Microsoft.Extensions.Logging;
using Platform.Auth.Accounts;
using Platform.Contracts;
using Platform.Security;

namespace Platform.Auth.Links;

/// <summary>
/// Login links go only to users the registry knows (auth has recorded their <see cref="UserDiscovered"/>, and no
/// <see cref="UserDeleted"/> since): whoever manages to publish a request cannot get a link for an address of their
/// choosing.
/// </summary>
public sealed partial class KnownUsers(IDocumentStore store, TimeProvider clock, ILogger<KnownUsers> logger)
{
    /// <summary>
    /// Deliveries of a request naming an unknown user that are retried before it is refused: a first spam makes
    /// directory-sync announce the user while notifications already asks for the welcome's link, so the announcement
    /// may be a moment behind the request.
    /// </summary>
    public const int AttemptsBeforeRefusing = 3;

    /// <summary>
    /// For each request, in order, whether auth knows its user from the registry (one query for all). An address
    /// outside its domain counts as known here: the issuer refuses it as before.
    /// </summary>
    public async Task<bool[]> AreKnownAsync(IReadOnlyList<IssueLoginLink> requests, CancellationToken cancellationToken)
    {
        var streams = requests.Select(r => EmailAddresses.FromEvent(r.Domain, r.Email) is { } user ? AccountStreams.StreamId(user.Domain, user.Email) : null).ToList();
        await using var query = store.QuerySession();
        var accounts = (await query.LoadManyAsync<Account>(cancellationToken, streams.OfType<string>().Distinct()))
            .ToDictionary(a => a.Id, StringComparer.Ordinal);
        return [.. streams.Select(id => id is null || accounts.TryGetValue(id, out var account) && account.Known)];
    }

    /// <summary>Whether to refuse now, or to let the retry policy deliver the request again a little later.</summary>
    public static bool RefuseNow(int retryAttempt) => retryAttempt >= AttemptsBeforeRefusing;

    /// <summary>The refusal that answers <paramref name="request"/> in place of a link; logged.</summary>
    public LoginLinkIssued Refuse(IssueLoginLink request)
    {
        LogRefused(logger, request.Domain, request.Purpose);
        return new() { Url = "", ExpiresAt = clock.GetUtcNow(), Refusal = LoginLinkRefusals.UnknownUser };
    }

    [LoggerMessage(LogLevel.Warning, "Refused a {Purpose} login link for a user of {Domain} the registry does not know")]
    private static partial void LogRefused(ILogger logger, string domain, string purpose);
}

/// <summary>The request names a user the registry does not know (yet): retried a few times, then refused.</summary>
public sealed class UserNotKnownYetException() : Exception("The login link request names a user the registry does not know (yet).");
