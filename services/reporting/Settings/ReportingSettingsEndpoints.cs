using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Security;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Settings;

/// <summary><c>GET/PUT /v1/domains/{domain}/reporting</c>: the domain's report defaults and schedule, for its admins.</summary>
public static class ReportingSettingsEndpoints
{
    public static RouteGroupBuilder MapReportingSettings(this RouteGroupBuilder domain)
    {
        domain.MapGet("/reporting", GetAsync);
        domain.MapPut("/reporting", PutAsync);
        return domain;
    }

    private static async Task<Ok<SettingsView>> GetAsync(string domain, ReportingSettingsStore settings, CancellationToken cancellationToken)
    {
        var (current, saved) = await settings.GetAsync(DomainNames.Normalize(domain)!, cancellationToken);
        return TypedResults.Ok(new SettingsView(ReportingSettingsBody.From(current), saved));
    }

    private static async Task<Results<Ok<SettingsView>, ProblemHttpResult>> PutAsync(
        string domain, ReportingSettingsBody body, ReportingSettingsStore settings, HttpContext http, CancellationToken cancellationToken)
    {
        var (valid, errors) = body.Validate();
        if (valid is null)
        {
            return FieldProblems.Result("invalid_reporting_settings", "The report settings are not valid.", "Fix the fields named in errors.", errors);
        }

        await settings.SaveAsync(DomainNames.Normalize(domain)!, valid, http.User.GetSubject() ?? "unknown", cancellationToken);
        return TypedResults.Ok(new SettingsView(ReportingSettingsBody.From(valid), Saved: true));
    }

    public sealed record SettingsView(ReportingSettingsBody Settings, bool Saved);
}
