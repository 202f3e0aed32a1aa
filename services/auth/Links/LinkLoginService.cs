using Marten;
using Npgsql;
using Platform.Auth.Login;
using Platform.Auth.Tokens;
using Platform.Contracts;
using Platform.Outbox.Store;

namespace Platform.Auth.Links;

/// <summary>
/// <c>POST /v1/login/link</c>: a login link's token logs its user in once. It is spent in the login's own transaction,
/// at the version it was read at, so of two uses racing exactly one gets in.
/// </summary>
public sealed class LinkLoginService(LoginService logins, IDocumentStore store, NpgsqlDataSource data, TimeProvider clock)
{
    public async Task<LoginOutcome> LoginAsync(LinkLoginRequest request, LoginClient client, CancellationToken cancellationToken)
    {
        var (link, hash, refusal) = await CheckAsync(request.Token, cancellationToken);
        if (link is null)
        {
            return refusal!;
        }

        var attempt = new LoginAttempt(link!.Domain, link.Email, LoginMethods.LoginLink, client);
        try
        {
            return await logins.SucceedAsync(attempt, ["link"], request.Code,
                session => session.Events.Write(LoginLinkCreated.StreamId(link.RequestId), link.Version, [new LoginLinkUsed(hash!, clock.GetUtcNow())]),
                null, cancellationToken);
        }
        catch (Exception e) when (StoreErrors.IsConcurrencyConflict(e))
        {
            return LoginOutcome.Refused(StatusCodes.Status401Unauthorized, "link_used", "This login link has been used already: links work once.");
        }
    }

    /// <summary>
    /// <c>POST /v1/login/link/peek</c>: whom a link is for and until when, or why it would be refused, without using
    /// it and without recording anything (the landing page shows who is signing in before the click).
    /// </summary>
    public async Task<(LinkAddressee? Addressee, LoginOutcome? Refusal)> PeekAsync(string? token, CancellationToken cancellationToken)
    {
        var (link, _, refusal) = await CheckAsync(token, cancellationToken);
        return link is null ? (null, refusal) : (new LinkAddressee(link.Email, link.ExpiresAt), null);
    }

    /// <summary>The live link a token names (with the token's hash), or the refusal: not valid, used, or expired.</summary>
    private async Task<(Link? Link, string? Hash, LoginOutcome? Refusal)> CheckAsync(string? token, CancellationToken cancellationToken)
    {
        var hash = string.IsNullOrWhiteSpace(token) ? null : RefreshTokens.Hash(token.Trim());
        var link = hash is null ? null : await FindAsync(hash, cancellationToken);
        var refusal = link switch
        {
            null or { Superseded: true } => ("invalid_link", "This login link is not valid: log in with your password, or ask for a new link."),
            { UsedAt: not null } => ("link_used", "This login link has been used already: links work once. Log in with your password."),
            _ when link.ExpiresAt <= clock.GetUtcNow() => ("link_expired", "This login link has expired. Log in with your password, or ask for a new link."),
            _ => ((string, string)?)null,
        };
        return refusal is var (code, detail) ? (null, hash, LoginOutcome.Refused(StatusCodes.Status401Unauthorized, code, detail)) : (link, hash, null);
    }

    private async Task<Link?> FindAsync(string hash, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand($"""
            SELECT request_id, domain, email, expires_at, used_at, superseded, version FROM {store.Options.DatabaseSchemaName}.login_links WHERE token_hash = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Link(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4), reader.GetBoolean(5), reader.GetInt64(6))
            : null;
    }

    private sealed record Link(Guid RequestId, string Domain, string Email, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt, bool Superseded, long Version);
}

/// <summary>Whom a login link is for, and until when it can be used.</summary>
public sealed record LinkAddressee(string Email, DateTimeOffset ExpiresAt);

/// <summary>A login link's token, to look at without using it.</summary>
public sealed record LinkPeekRequest(string? Token)
{
    public override string ToString() => "a login link";
}

/// <summary>The token of a login link, and a second-factor code for a user who has one.</summary>
public sealed record LinkLoginRequest(string? Token, string? Code);
