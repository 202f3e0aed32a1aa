using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Panel.Backends;

/// <summary>A service's answer: the value, or the problem's status, stable <c>code</c> and (423/429) when to retry.</summary>
public sealed record ApiAnswer<T>(T? Value, int Status, string? Code, TimeSpan? RetryAfter = null)
{
    public bool Ok => Value is not null;

    /// <summary>
    /// A validation problem's refused fields (as the API names them), each with its problems: the stable code from
    /// <c>codes</c> and the service's English words from <c>errors</c>. Pages say them with <c>FieldErrorWords</c>.
    /// </summary>
    public IReadOnlyDictionary<string, FieldError[]> Errors { get; init; } = NoErrors;

    private static readonly Dictionary<string, FieldError[]> NoErrors = [];
}

/// <summary>One problem of a refused field: its stable code (null when the service sent none) and the service's English words.</summary>
public sealed record FieldError(string? Code, string Message);

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
        Dictionary<string, FieldError[]>? errors = null;
        if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
        {
            using var problem = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            code = problem.RootElement.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            errors = FieldErrorsOf(problem.RootElement);
        }

        var refused = new ApiAnswer<T>(default, status, code ?? "unavailable", RetryAfterOf(response));
        return errors is null ? refused : refused with { Errors = errors };
    }

    /// <summary>
    /// <c>errors</c> with <c>codes</c> beside it, which every service sends in the same shape
    /// (<c>Platform.ServiceDefaults.Http.FieldProblems</c>): <c>codes[field][i]</c> is the code of <c>errors[field][i]</c>.
    /// A message without its code keeps the service's words only.
    /// </summary>
    internal static Dictionary<string, FieldError[]>? FieldErrorsOf(JsonElement problem)
    {
        if (!problem.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var codes = problem.TryGetProperty("codes", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        var fields = new Dictionary<string, FieldError[]>(StringComparer.Ordinal);
        foreach (var field in errors.EnumerateObject().Where(f => f.Value.ValueKind == JsonValueKind.Array))
        {
            var fieldCodes = codes.ValueKind == JsonValueKind.Object && codes.TryGetProperty(field.Name, out var fc) && fc.ValueKind == JsonValueKind.Array
                ? fc.EnumerateArray().Select(code => code.ValueKind == JsonValueKind.String ? code.GetString() : null).ToList()
                : [];
            fields[field.Name] = [.. field.Value.EnumerateArray().Select((message, i) =>
                new FieldError(i < fieldCodes.Count ? fieldCodes[i] : null, message.ValueKind == JsonValueKind.String ? message.GetString()! : ""))];
        }

        return fields;
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
