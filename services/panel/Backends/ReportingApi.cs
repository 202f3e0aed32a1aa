using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Platform.Panel.Backends;

/// <summary>reporting's public API for a user's own report: <c>GET/PUT /v1/domains/{domain}/users/{email}/report</c>.</summary>
public sealed class ReportingApi(HttpClient http)
{
    public async Task<ApiAnswer<UserReport>> GetReportAsync(string accessToken, string domain, string email, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, PathOf(domain, email));
        return await SendAsync<UserReport>(request, accessToken, cancellationToken);
    }

    public async Task<ApiAnswer<UserReport>> SetFrequencyAsync(string accessToken, string domain, string email, string frequency, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, PathOf(domain, email)) { Content = JsonContent.Create(new { frequency }) };
        return await SendAsync<UserReport>(request, accessToken, cancellationToken);
    }

    private static string PathOf(string domain, string email) => $"/v1/domains/{Uri.EscapeDataString(domain)}/users/{Uri.EscapeDataString(email)}/report";

    private async Task<ApiAnswer<T>> SendAsync<T>(HttpRequestMessage request, string accessToken, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return await ApiAnswers.ReadAsync<T>(response, cancellationToken);
        }
        catch (HttpRequestException)
        {
            return ApiAnswers.Unreachable<T>();
        }
    }
}

/// <summary>A user's report enrollment as reporting shows it.</summary>
public sealed record UserReport(string Email, string Frequency, string EnrolledBy, DateTimeOffset EnrolledAt, DateTimeOffset? NextReportDueAt);
