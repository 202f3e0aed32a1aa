using System.Net;
using System.Text.Json;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// What every service's OpenAPI document must show; each service's test project names its title and operations.
/// </summary>
public abstract class OpenApiDocumentSpecs<TProgram>
    where TProgram : class
{
    /// <summary>The document's title, e.g. <c>Platform auth</c>.</summary>
    protected abstract string Title { get; }

    /// <summary>Operations the service really serves, as <c>"POST /v1/login"</c>.</summary>
    protected abstract IReadOnlyList<string> Operations { get; }

    /// <summary>Those of <see cref="Operations"/> that need no platform token.</summary>
    protected virtual IReadOnlyList<string> Anonymous => [];

    [Fact]
    public async Task Serves_the_document_without_a_token_in_production_too()
    {
        await using var host = await ServiceHost<TProgram>.CreateAsync();
        host.With("environment", "Production");

        using var response = await host.CreateClient().GetAsync("/openapi/v1.json");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal(Title, document.RootElement.GetProperty("info").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Lists_the_operations_with_problem_details_for_errors_and_the_token_each_needs()
    {
        await using var host = await ServiceHost<TProgram>.CreateAsync();
        using var response = await host.CreateClient().GetAsync("/openapi/v1.json");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var listed = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Key: $"{operation.Name.ToUpperInvariant()} {path.Name}", operation.Value)))
            .ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);

        Assert.All(Operations, operation => Assert.True(listed.ContainsKey(operation), $"{operation} is not listed; listed: {string.Join(", ", listed.Keys)}"));
        Assert.All(listed, operation => Assert.True(
            operation.Value.GetProperty("responses").TryGetProperty("default", out var error)
                && error.GetProperty("content").TryGetProperty("application/problem+json", out _),
            $"{operation.Key} documents no problem details for its errors."));
        Assert.All(Operations, operation =>
        {
            var needsToken = !Anonymous.Contains(operation);
            Assert.True(needsToken == listed[operation].TryGetProperty("security", out _), $"{operation}: needs a token {needsToken}, documented otherwise.");
            Assert.True(needsToken == listed[operation].GetProperty("responses").TryGetProperty("401", out _), $"{operation}: 401 documented wrongly.");
        });
    }
}
