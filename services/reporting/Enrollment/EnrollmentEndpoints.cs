using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Security;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Enrollment;

/// <summary>
/// <c>GET .../reports/enrollments</c> for a domain's admins; <c>GET/PUT .../users/{email}/report</c> for the user
/// themself or an admin of their domain.
/// </summary>
public static class EnrollmentEndpoints
{
    private const int MaxPage = 500;

    public static RouteGroupBuilder MapEnrollmentOverview(this RouteGroupBuilder adminDomain)
    {
        adminDomain.MapGet("/reports/enrollments", ListAsync);
        return adminDomain;
    }

    public static RouteGroupBuilder MapUserReport(this RouteGroupBuilder anyDomain)
    {
        anyDomain.MapGet("/users/{email}/report", GetAsync);
        anyDomain.MapPut("/users/{email}/report", PutAsync);
        return anyDomain;
    }

    private static async Task<Results<Ok<EnrollmentPage>, ProblemHttpResult>> ListAsync(
        string domain, string? frequency, string? after, int? limit, EnrollmentStore enrollments, CancellationToken cancellationToken)
    {
        if (frequency is not null && !EnrollmentDecisions.IsFrequency(frequency))
        {
            return InvalidFrequency(frequency);
        }

        var size = Math.Clamp(limit ?? 50, 1, MaxPage);
        var rows = await enrollments.ListAsync(DomainNames.Normalize(domain)!, frequency, after, size + 1, cancellationToken);
        var page = rows.Take(size).Select(Show).ToList();
        return TypedResults.Ok(new EnrollmentPage(page, rows.Count > size ? page[^1].Email : null));
    }

    private static async Task<Results<Ok<UserReport>, ProblemHttpResult>> GetAsync(
        string domain, string email, EnrollmentStore enrollments, HttpContext http, CancellationToken cancellationToken)
    {
        var (target, problem) = Target(http.User, domain, email);
        if (target is null)
        {
            return problem!;
        }

        return await enrollments.FindViewAsync(target.Value.Domain, target.Value.Email, cancellationToken) is { } view
            ? TypedResults.Ok(Show(view))
            : CodedProblem.Result(StatusCodes.Status404NotFound, "not_enrolled", "The user gets no report yet.",
                "Users are enrolled with their first quarantined message, or when they or an admin choose a frequency.");
    }

    private static async Task<Results<Ok<UserReport>, ProblemHttpResult>> PutAsync(
        string domain, string email, ReportChoice body, EnrollmentStore enrollments, HttpContext http, CancellationToken cancellationToken)
    {
        var (target, problem) = Target(http.User, domain, email);
        if (target is null)
        {
            return problem!;
        }

        if (!EnrollmentDecisions.IsFrequency(body.Frequency))
        {
            return InvalidFrequency(body.Frequency);
        }

        if (!TryTimeZone(body.TimeZone, out var zone))
        {
            return CodedProblem.Result(StatusCodes.Status400BadRequest, "invalid_time_zone", "Not a time zone.",
                $"'{body.TimeZone}' is not an IANA time zone such as Europe/Berlin or UTC (an empty one: the domain's).");
        }

        var language = body.Language?.Trim().ToLowerInvariant();
        if (language is { Length: > 0 } && !EnrollmentDecisions.Languages.Contains(language))
        {
            return CodedProblem.Result(StatusCodes.Status400BadRequest, "invalid_language", "Not a report language.",
                $"'{body.Language}' is not one of {string.Join(", ", EnrollmentDecisions.Languages)} (an empty one: the domain's).");
        }

        var (name, address) = target.Value;
        var changedBy = http.User.AdministersDomain(name) ? ReportEnrollmentReasons.Admin : ReportEnrollmentReasons.User;
        await enrollments.ChooseAsync(name, address, body.Frequency!, zone, language, changedBy, http.User.GetSubject() ?? "unknown", cancellationToken);
        return TypedResults.Ok(Show((await enrollments.FindViewAsync(name, address, cancellationToken))!));
    }

    /// <summary>The user a request is about, when the caller may act for them: themself, or an admin of the domain.</summary>
    private static ((string Domain, string Email)? Target, ProblemHttpResult? Problem) Target(ClaimsPrincipal user, string domain, string email)
    {
        // The group refuses a {domain} that is not a domain name (DomainRoute).
        var name = DomainNames.Normalize(domain)!;
        var (address, error, reason) = EmailAddresses.Normalize(email, name);
        if (address is null)
        {
            return (null, CodedProblem.Result(StatusCodes.Status400BadRequest, error!, "The email address cannot be used.", reason!));
        }

        var self = user.HasClaim(PlatformClaims.Role, PlatformRoles.EmailUser)
            && EmailAddresses.FromEvent(name, user.GetEmail()) is { } own && own.Email == address;
        return self || user.AdministersDomain(name)
            ? ((name, address), null)
            : (null, CodedProblem.Result(StatusCodes.Status403Forbidden, "forbidden", "Not yours to change.",
                "Only the user themself or an admin of their domain may see or change their report."));
    }

    /// <summary>
    /// The IANA time zone asked for, by its own spelling (<c>europe/berlin</c> is <c>Europe/Berlin</c>); an empty one
    /// (the domain's) or none (unchanged) as it is; false when it is no IANA zone.
    /// </summary>
    private static bool TryTimeZone(string? asked, out string? zone)
    {
        zone = asked?.Trim();
        if (string.IsNullOrEmpty(zone))
        {
            return true;
        }

        var found = TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var info) && info.HasIanaId;
        zone = found ? info!.Id : null;
        return found;
    }

    private static ProblemHttpResult InvalidFrequency(string? frequency) => CodedProblem.Result(StatusCodes.Status400BadRequest, "invalid_frequency",
        "Not a report frequency.", $"'{frequency}' is not one of daily, weekly, off.");

    private static UserReport Show(EnrollmentView view) => new(
        view.Enrollment.Email, view.Enrollment.Frequency, view.Enrollment.Reason, view.Enrollment.EnrolledAt, view.LastPeriodEnd, view.LastReportId,
        view.ReportsPublished, view.NextReportDueAt, view.Enrollment.TimeZone, view.Enrollment.Language);

    /// <summary>
    /// How often, and (each optional) the IANA time zone and language (en, de) of the user's report: left out, unchanged;
    /// empty, the domain's.
    /// </summary>
    public sealed record ReportChoice(string? Frequency, string? TimeZone = null, string? Language = null);

    public sealed record UserReport(
        string Email, string Frequency, string EnrolledBy, DateTimeOffset EnrolledAt, DateTimeOffset? LastPeriodEnd, string? LastReportId,
        int ReportsPublished, DateTimeOffset? NextReportDueAt, string? TimeZone, string? Language);

    public sealed record EnrollmentPage(IReadOnlyList<UserReport> Enrollments, string? Next);
}
