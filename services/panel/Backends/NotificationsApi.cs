namespace Platform.Panel.Backends;

/// <summary>
/// notifications' public API for the signed-in user's own mails: <c>GET /v1/domains/{domain}/users/{email}/notifications</c>
/// (the user themself may read it). Never the mail's content or its link.
/// </summary>
public sealed class NotificationsApi(HttpClient http)
{
    public async Task<ApiAnswer<MailHistory>> MyMailsAsync(string accessToken, string domain, string email, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"/v1/domains/{Uri.EscapeDataString(domain)}/users/{Uri.EscapeDataString(email)}/notifications");
        return await http.SendAsync<MailHistory>(request, accessToken, cancellationToken);
    }
}

/// <summary>The mails sent (or being sent) to a user, newest first.</summary>
public sealed record MailHistory(string Email, IReadOnlyList<SentMail> Notifications);

/// <summary>One mail: its kind (welcome, report), state (queued, sending, retrying, sent, failed) and times.</summary>
public sealed record SentMail(
    string Kind, string State, int Attempts, DateTimeOffset QueuedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? FinishedAt, string? LastError);
