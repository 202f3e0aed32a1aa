using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Panel.Backends;

/// <summary>A service's answer: the value, or the problem's status, stable <c>code</c> and (423/429) when to retry.</summary>
public sealed record ApiAnswer<T>(T? Value, int Status, string? Code, TimeSpan? RetryAfter = null)
{
    public bool Ok => Value is not null;

    /// <summary>A validation problem's <c>errors</c>: each invalid field (as the API names it) with what to change.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = NoErrors;

    private static readonly Dictionary<string, string[]> NoErrors = [];
}

internal static class ApiAnswers
{
    public static async Task<ApiAnswer<T>> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            var value = response.Content.Headers.ContentLength == 0 ? default : await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
            return new ApiAnswer<T>(value, status, null);
        }

        string? code = null;
        Dictionary<string, string[]>? errors = null;
        if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
        {
            using var problem = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            code = problem.RootElement.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            errors = problem.RootElement.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object
                ? e.Deserialize<Dictionary<string, string[]>>(Json) : null;
        }

        var refused = new ApiAnswer<T>(default, status, code ?? "unavailable", RetryAfterOf(response));
        return errors is null ? refused : refused with { Errors = errors };
    }

    /// <summary>A service that cannot be reached is an answer too: the page says so instead of failing.</summary>
    public static ApiAnswer<T> Unreachable<T>() => new(default, 503, "service_unreachable");

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta
        ?? (response.Headers.TryGetValues("Retry-After", out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
                ? TimeSpan.FromSeconds(seconds) : null);
}
