using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Platform.Demo.Story;

/// <summary>Requests of the story: JSON in and out, a bearer token when given, and the flow's trace context.</summary>
internal sealed class StoryHttp(HttpClient http)
{
    public async Task<Answer> SendAsync(HttpMethod method, Uri url, Flow? flow, string? bearer = null, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (flow is not null)
        {
            request.Headers.Add("traceparent", flow.TraceParent);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request);
        return Answer.Parse(response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public Task<Answer> GetAsync(Uri url, string bearer, Flow? flow = null) => SendAsync(HttpMethod.Get, url, flow, bearer);
}
