using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.Outbox.Tracing;
using Platform.Security;
using Platform.ServiceDefaults.Http;

namespace Platform.Notifications.History;

/// <summary>
/// <c>GET /v1/domains/{domain}/users/{email}/notifications</c>: what was sent to a user, when, and its state — for the
/// user themself or an admin of their domain. Never the mail's content or its link.
/// </summary>
public static class NotificationHistoryEndpoints
{
    public static RouteGroupBuilder MapNotificationHistory(this RouteGroupBuilder anyDomain)
    {
        anyDomain.MapGet("/users/{email}/notifications", ListAsync);
        return anyDomain;
    }

    private static async Task<Results<Ok<NotificationList>, ProblemHttpResult>> ListAsync(
        string domain, string email, NpgsqlDataSource data, IDocumentStore store, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        // The group refuses a {domain} that is not a domain name (DomainRoute).
        var name = DomainNames.Normalize(domain)!;
        var (address, error, reason) = EmailAddresses.Normalize(email, name);
        if (address is null)
        {
            return CodedProblem.Result(StatusCodes.Status400BadRequest, error!, "The email address cannot be used.", reason!);
        }

        if (!MayRead(http.User, name, address))
        {
            return CodedProblem.Result(StatusCodes.Status403Forbidden, "forbidden", "Not yours to see.",
                "Only the user themself or an admin of their domain may see what was sent to them.");
        }

        await using var command = data.CreateCommand($"""
            SELECT kind, message_id, report_id,
                   CASE WHEN state IN ('queued', 'retrying') AND lease_until > $3 THEN 'sending' ELSE state END,
                   attempts, queued_at, next_attempt_at, last_error, smtp_code, finished_at, payload->>'traceParent'
            FROM {store.Options.DatabaseSchemaName}.notifications WHERE domain = $1 AND email = $2 ORDER BY queued_at DESC LIMIT 200
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = address });
        // A delivery lane holds the mail's lease while it asks for the link and talks to the relay.
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
        var items = new List<NotificationView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new NotificationView(reader.GetString(0), reader.GetString(1), Text(reader, 2), reader.GetString(3), reader.GetInt32(4),
                reader.GetFieldValue<DateTimeOffset>(5), Time(reader, 6), Text(reader, 7), reader.IsDBNull(8) ? null : reader.GetInt32(8), Time(reader, 9),
                StoredTrace.TraceIdOf(Text(reader, 10))));
        }

        return TypedResults.Ok(new NotificationList(address, items));
    }

    private static bool MayRead(ClaimsPrincipal user, string domain, string address) =>
        user.AdministersDomain(domain)
        || (user.HasClaim(PlatformClaims.Role, PlatformRoles.EmailUser) && EmailAddresses.FromEvent(domain, user.GetEmail())?.Email == address);

    private static string? Text(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateTimeOffset>(i);

    /// <summary>
    /// One mail: <c>state</c> is queued, sending (a replica is at it now), retrying (see nextAttemptAt and lastError), sent or
    /// failed (see lastError); <c>traceId</c> is the trace of the flow that queued it, which its delivery continues (to
    /// look up in Jaeger).
    /// </summary>
    public sealed record NotificationView(
        string Kind, string MessageId, string? ReportId, string State, int Attempts, DateTimeOffset QueuedAt, DateTimeOffset? NextAttemptAt,
        string? LastError, int? SmtpCode, DateTimeOffset? FinishedAt, string? TraceId);

    public sealed record NotificationList(string Email, IReadOnlyList<NotificationView> Notifications);
}
