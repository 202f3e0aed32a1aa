using System.Net.Http.Json;

namespace Platform.Panel.Backends;

/// <summary>reporting's public API for a user's own report: <c>GET/PUT /v1/domains/{domain}/users/{email}/report</c>.</summary>
public sealed class ReportingApi(HttpClient http)
{
    public async Task<ApiAnswer<UserReport>> GetReportAsync(string accessToken, string domain, string email, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, PathOf(domain, email));
        return await http.SendAsync<UserReport>(request, accessToken, cancellationToken);
    }

    /// <summary>The user's choice; an empty <paramref name="timeZone"/> or <paramref name="language"/> is the domain's.</summary>
    public async Task<ApiAnswer<UserReport>> ChooseAsync(
        string accessToken, string domain, string email, string frequency, string timeZone, string language, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, PathOf(domain, email)) { Content = JsonContent.Create(new { frequency, timeZone, language }) };
        return await http.SendAsync<UserReport>(request, accessToken, cancellationToken);
    }

    private static string PathOf(string domain, string email) => $"/v1/domains/{Uri.EscapeDataString(domain)}/users/{Uri.EscapeDataString(email)}/report";
}

/// <summary>A user's report enrollment as reporting shows it; their own time zone and language, null: the domain's.</summary>
public sealed record UserReport(
    string Email, string Frequency, string EnrolledBy, DateTimeOffset EnrolledAt, DateTimeOffset? NextReportDueAt, string? TimeZone, string? Language);
