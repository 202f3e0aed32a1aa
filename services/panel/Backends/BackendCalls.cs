using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Platform.Panel.Backends;

/// <summary>One call to a service's API with the signed-in person's access token; an unreachable service is an answer.</summary>
internal static class BackendCalls
{
    public static async Task<ApiAnswer<T>> SendAsync<T>(this HttpClient http, HttpRequestMessage request, string? accessToken, CancellationToken cancellationToken)
    {
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

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

    /// <summary>The same, for a request of a method, a path and (when not null) a JSON body.</summary>
    public static async Task<ApiAnswer<T>> SendAsync<T>(this HttpClient http, HttpMethod method, string path, object? body, string? accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: ApiAnswers.Json) };
        return await http.SendAsync<T>(request, accessToken, cancellationToken);
    }
}
