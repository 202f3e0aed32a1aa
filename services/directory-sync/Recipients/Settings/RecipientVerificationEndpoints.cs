using Marten;
using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.Directory.Egress;
using Platform.DirectorySync.Settings;
using Platform.Security;
using Platform.ServiceDefaults.Http;

namespace Platform.DirectorySync.Recipients.Settings;

/// <summary>
/// <c>GET/PUT /v1/domains/{domain}/recipient-verification</c>: how the domain's recipients are verified — by its
/// directory (when one is configured), by a callout to its own mail server, or by its list of email users.
/// </summary>
public static class RecipientVerificationEndpoints
{
    public static RouteGroupBuilder MapRecipientVerification(this RouteGroupBuilder domain)
    {
        domain.MapGet("/recipient-verification", GetAsync);
        domain.MapPut("/recipient-verification", PutAsync);
        return domain;
    }

    private static async Task<Ok<RecipientVerificationView>> GetAsync(
        string domain, IDocumentStore store, NpgsqlDataSource data, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ViewAsync(DomainNames.Normalize(domain)!, store, data, cancellationToken));

    private static async Task<Results<Ok<RecipientVerificationView>, ProblemHttpResult>> PutAsync(
        string domain, RecipientVerificationDocument body, IDocumentStore store, NpgsqlDataSource data, HttpContext http,
        TimeProvider clock, EgressPolicy egress, CancellationToken cancellationToken)
    {
        var name = DomainNames.Normalize(domain)!;
        var actor = http.User.GetSubject() ?? "unknown";
        CalloutEvent change;
        if (body.Callout is null)
        {
            change = new CalloutRemoved(name, actor, clock.GetUtcNow());
        }
        else
        {
            var host = body.Callout.Host?.Trim() is { Length: > 0 } given && IPAddress.TryParse(given, out var ip) ? ip.ToString()
                : DomainNames.Normalize(body.Callout.Host);
            var port = body.Callout.Port ?? 25;
            var problems = CalloutProblems(host, port);
            if (host is null || problems.Count > 0)
            {
                return FieldProblems.Result("invalid_callout", "The mail server cannot be used.",
                    "callout.host is the domain's mail server (a host name or IP address); callout.port is 1 to 65535 (default 25).", problems);
            }

            if (await DestinationCheck.RefusedAsync([("callout.host", host)], port, egress, clock, cancellationToken) is { } refused)
            {
                return refused;
            }

            change = new CalloutConfigured(name, host, port, actor, clock.GetUtcNow());
        }

        await using var session = store.LightweightSession();
        session.LastModifiedBy = actor;
        session.Events.Append($"recipient-verification/{name}", change);
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await ViewAsync(name, store, data, cancellationToken));
    }

    private static List<FieldProblem> CalloutProblems(string? host, int port)
    {
        var problems = new List<FieldProblem>();
        if (host is null)
        {
            problems.Add(new("callout.host", CalloutFieldCodes.InvalidHost, "The domain's mail server: a host name or IP address."));
        }

        if (port is < 1 or > 65535)
        {
            problems.Add(new("callout.port", CalloutFieldCodes.InvalidPort, "A port from 1 to 65535 (default 25)."));
        }

        return problems;
    }

    private static async Task<RecipientVerificationView> ViewAsync(string domain, IDocumentStore store, NpgsqlDataSource data, CancellationToken cancellationToken)
    {
        var schema = store.Options.DatabaseSchemaName;
        await using var command = data.CreateCommand($"""
            SELECT EXISTS (SELECT 1 FROM {schema}.sync_schedule WHERE domain = $1),
                   (SELECT host FROM {schema}.callout_servers WHERE domain = $1), (SELECT port FROM {schema}.callout_servers WHERE domain = $1),
                   EXISTS (SELECT 1 FROM {schema}.registry_users WHERE domain = $1 AND deleted_at IS NULL)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = domain });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var callout = reader.IsDBNull(1) ? null : new CalloutDocument(reader.GetString(1), reader.GetInt32(2));
        var mode = reader.GetBoolean(0) ? "directory" : callout is not null ? "callout" : reader.GetBoolean(3) ? "registry" : "none";
        return new RecipientVerificationView(domain, mode, callout);
    }
}

/// <summary>Body of the PUT: the domain's mail server to ask, or null for none.</summary>
public sealed record RecipientVerificationDocument(CalloutDocument? Callout);

public sealed record CalloutDocument(string? Host, int? Port);

/// <summary>
/// How the domain's recipients are verified now: <c>directory</c> (a directory is configured: it decides, a callout
/// server is kept but unused), <c>callout</c>, <c>registry</c> (its list of email users) or <c>none</c> (not served).
/// </summary>
public sealed record RecipientVerificationView(string Domain, string Mode, CalloutDocument? Callout);
