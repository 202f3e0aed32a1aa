using Microsoft.AspNetCore.Http.HttpResults;
using Platform.DirectorySync.Registry;
using Platform.Security.Authorization;
using Platform.ServiceDefaults.Http;

namespace Platform.DirectorySync.Recipients;

/// <summary>
/// <c>GET /v1/recipients/{email}</c> for the filter's SMTP edge (role <c>mail-filter</c>): <c>{ "valid": true|false }</c>
/// from this replica's in-memory index (aliases count); 404 <c>domain_not_served</c> for a domain the platform does
/// not serve.
/// </summary>
public static class RecipientsEndpoints
{
    public static WebApplication MapRecipients(this WebApplication app)
    {
        app.MapGet("/v1/recipients/{email}", Lookup).RequireMailFilter();
        return app;
    }

    private static Results<Ok<RecipientVerdict>, ProblemHttpResult> Lookup(string email, RecipientIndex index)
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

        return index.Lookup(domain!, address) switch
        {
            RecipientAnswer.NotServed => CodedProblem.Result(StatusCodes.Status404NotFound, "domain_not_served", "The platform does not serve this domain.",
                $"{domain} has neither a directory nor a list of email users here."),
            // The callout client is being built (issue 5): until it is wired, say so rather than guess.
            RecipientAnswer.AskCallout => CodedProblem.Result(StatusCodes.Status503ServiceUnavailable, "callout_unavailable",
                "Verification by callout is not available yet.", $"{domain} verifies recipients by callout, which this version cannot do yet."),
            var answer => TypedResults.Ok(new RecipientVerdict(answer == RecipientAnswer.Valid)),
        };
    }
}

/// <summary>The answer to a recipient lookup.</summary>
public sealed record RecipientVerdict(bool Valid);
