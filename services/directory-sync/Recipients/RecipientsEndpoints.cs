using Microsoft.AspNetCore.Http.HttpResults;
using Platform.DirectorySync.Recipients.Callout;
using Platform.DirectorySync.Recipients.Guard;
using Platform.DirectorySync.Registry;
using Platform.Security.Authorization;
using Platform.Security;
using Platform.ServiceDefaults.Http;

namespace Platform.DirectorySync.Recipients;

/// <summary>
/// <c>GET /v1/recipients/{email}</c> for the filter's SMTP edge (role <c>mail-filter</c>): <c>{ "valid": true|false }</c>
/// from this replica's in-memory index (aliases count); 404 <c>domain_not_served</c> for a domain the platform does
/// not serve. A domain that verifies by callout is answered by its own mail server (<see cref="RecipientCallout"/>,
/// cached), asked only for lookups the guard lets through; when the server gives no verdict, 503
/// <c>recipient_unverifiable</c> with a Retry-After, so the edge answers the sender with a temporary failure.
/// </summary>
public static class RecipientsEndpoints
{
    public static WebApplication MapRecipients(this WebApplication app)
    {
        app.MapGet("/v1/recipients/{email}", Lookup).RecordAnswers<RecipientMetrics>(RecipientMetrics.Verdict, (m, answer) => m.Answered(answer)).RequireMailFilter();
        return app;
    }

    private static async Task<IResult> Lookup(
        string email, RecipientIndex index, LookupGuard guard, AttackReports reports, RecipientCallout callout,
        HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var at = email.LastIndexOf('@');
        var domain = at > 0 ? Security.DomainNames.Normalize(email[(at + 1)..]) : null;
        var (address, error, reason) = domain is null ? (null, EmailAddresses.Invalid, "Not an email address.") : EmailAddresses.Normalize(email, domain);
        if (address is null)
        {
            return CodedProblem.Result(StatusCodes.Status400BadRequest, error!, "Not a recipient address.", reason!);
        }

        if (!index.Loaded)
        {
            return CodedProblem.Result(StatusCodes.Status503ServiceUnavailable, "recipients_loading", "The recipient index is loading.",
                "This replica has not loaded the valid addresses yet; ask again in a moment.");
        }

        // Behind a trusted proxy the peer is already the SMTP client it forwarded for (ForwardedHeaders__KnownNetworks).
        var client = ClientAddresses.KeyOf(http);
        var (verdict, started) = guard.Check(client, domain!);
        if (started is not null)
        {
            await reports.ReportAsync(started, cancellationToken);
        }

        if (verdict is not GuardVerdict.Allowed)
        {
            // Refused lookups count as invalid ones: a client that ignores 429 ends up blocked.
            guard.Record(client, domain!, valid: false, served: index.Lookup(domain!, address) != RecipientAnswer.NotServed);
            return Refused(verdict, http, clock);
        }

        var answer = index.Lookup(domain!, address);
        if (answer == RecipientAnswer.AskCallout && index.CalloutFor(domain!) is { } server)
        {
            return await CallOutAsync(callout, server, address, client, domain!, guard, http, cancellationToken);
        }

        guard.Record(client, domain!, valid: answer == RecipientAnswer.Valid, served: answer != RecipientAnswer.NotServed);
        return answer switch
        {
            RecipientAnswer.NotServed => CodedProblem.Result(StatusCodes.Status404NotFound, "domain_not_served", "The platform does not serve this domain.",
                $"{domain} has neither a directory nor a list of email users here."),
            _ => TypedResults.Ok(new RecipientVerdict(answer == RecipientAnswer.Valid)),
        };
    }

    /// <summary>
    /// Asks the domain's mail server. Only a Valid answer counts as a valid lookup for the guard: an attacker's random
    /// addresses at a server that answers nothing useful are still throttled before they reach it.
    /// </summary>
    private static async Task<IResult> CallOutAsync(
        RecipientCallout callout, CalloutServer server, string address, string client, string domain, LookupGuard guard, HttpContext http,
        CancellationToken cancellationToken)
    {
        var answer = await callout.VerifyAsync(server, address, cancellationToken);
        guard.Record(client, domain, valid: answer.Outcome == CalloutOutcome.Valid, served: true);
        if (answer.Outcome != CalloutOutcome.Unknown)
        {
            return TypedResults.Ok(new RecipientVerdict(answer.Outcome == CalloutOutcome.Valid));
        }

        http.Response.Headers.RetryAfter = "60";
        return CodedProblem.Result(StatusCodes.Status503ServiceUnavailable, "recipient_unverifiable", "The domain's mail server gave no verdict.",
            $"{domain} verifies recipients by callout and its mail server did not say whether it takes this address ({answer.Reason}); try again later.");
    }

    private static ProblemHttpResult Refused(GuardVerdict verdict, HttpContext http, TimeProvider clock)
    {
        var (retryAfter, code, detail) = verdict switch
        {
            GuardVerdict.Blocked b => (b.Until - clock.GetUtcNow(), "client_blocked",
                "This client kept asking about addresses that do not exist after being told to slow down; it is blocked for a while."),
            GuardVerdict.Throttled { ByDomain: true } t => (t.RetryAfter, "domain_under_attack",
                "Too many lookups of addresses that do not exist for this domain, from many clients; lookups that failed from this client wait."),
            GuardVerdict.Throttled t => (t.RetryAfter, "too_many_invalid_lookups", "Too many lookups of addresses that do not exist from this client."),
            _ => (TimeSpan.Zero, "throttled", ""),
        };
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return CodedProblem.Result(StatusCodes.Status429TooManyRequests, code, "Slow down.", detail);
    }
}

/// <summary>The answer to a recipient lookup.</summary>
public sealed record RecipientVerdict(bool Valid);
