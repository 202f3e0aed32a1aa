using System.Text.Json.Nodes;

namespace Platform.Auth.Tests.Login;

internal static class Problems
{
    public static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())?["code"]?.GetValue<string>();
}
