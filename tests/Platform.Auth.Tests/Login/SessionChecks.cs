using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Platform.Auth.Tests.Login;

/// <summary>auth's <c>GET /v1/session</c> with a login's access token: 204 while its session goes on, else the problem.</summary>
internal static class SessionChecks
{
    public static async Task<HttpResponseMessage> CheckAsync(HttpClient client, JsonNode tokens)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/session");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens["accessToken"]!.GetValue<string>());
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
