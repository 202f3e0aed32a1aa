using MassTransit;
using Microsoft.Extensions.Options;
using Platform.Auth.Tokens;
using Platform.Contracts;
using Platform.Security;

namespace Platform.Auth.Links;

/// <summary>
/// Answers <see cref="IssueLoginLink"/> with a URL carrying a fresh random token; only its hash is stored. A
/// redelivered request gets a new link that replaces the first (see <see cref="LoginLinkCreated"/>).
/// </summary>
public sealed class IssueLoginLinkConsumer(EventStore.EventStore store, IOptions<LoginLinkOptions> options, TimeProvider clock) : IConsumer<IssueLoginLink>
{
    public async Task Consume(ConsumeContext<IssueLoginLink> context)
    {
        var requestId = context.RequestId ?? context.MessageId ?? throw new InvalidOperationException("A login link request needs a request id.");
        if (EmailAddresses.FromEvent(context.Message.Domain, context.Message.Email) is not { } user)
        {
            throw new ArgumentException("IssueLoginLink does not name an address in its domain.");
        }

        var token = RefreshTokens.New();
        var at = clock.GetUtcNow();
        var expires = at + options.Value.LifetimeOf(context.Message.Purpose);
        var session = store.LightweightSession();
        session.Actor = "system:" + context.Message.Purpose;
        session.CausationId = context.MessageId;
        session.CorrelationId = context.CorrelationId ?? context.ConversationId;
        session.Events.Append(LoginLinkCreated.StreamId(requestId),
            new LoginLinkCreated(requestId, user.Domain, user.Email, context.Message.Purpose, RefreshTokens.Hash(token), expires, at));
        await session.SaveChangesAsync(context.CancellationToken);
        await context.RespondAsync(new LoginLinkIssued { Url = $"{options.Value.BaseUrl}?token={token}", ExpiresAt = expires });
    }
}
