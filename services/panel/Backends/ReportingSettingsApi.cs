namespace Platform.Panel.Backends;

/// <summary>reporting's report defaults for a domain's admins: <c>GET/PUT /v1/domains/{domain}/reporting</c>.</summary>
public sealed class ReportingSettingsApi(HttpClient http)
{
    public Task<ApiAnswer<ReportingSettingsView>> GetAsync(string token, string domain, CancellationToken cancellationToken) =>
        http.SendAsync<ReportingSettingsView>(HttpMethod.Get, PathOf(domain), null, token, cancellationToken);

    public Task<ApiAnswer<ReportingSettingsView>> SaveAsync(string token, string domain, ReportingSettings settings, CancellationToken cancellationToken) =>
        http.SendAsync<ReportingSettingsView>(HttpMethod.Put, PathOf(domain), settings, token, cancellationToken);

    private static string PathOf(string domain) => $"/v1/domains/{Uri.EscapeDataString(domain)}/reporting";
}

/// <summary>The frequency new users get, when reports go out (hour, time zone, weekday), and what reports hold.</summary>
public sealed record ReportingSettings(
    string? DefaultFrequency, int? ReportHour, string? TimeZone, string? WeeklyDay, bool? EnrollDirectoryUsers, bool? SendEmptyReports, int? RetentionDays);

/// <summary>The settings, and whether the domain saved any (else they are the defaults).</summary>
public sealed record ReportingSettingsView(ReportingSettings Settings, bool Saved);
