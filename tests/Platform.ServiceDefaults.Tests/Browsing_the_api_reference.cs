using System.Net;
using Platform.Testing;
using Xunit;

namespace Platform.ServiceDefaults.Tests;

/// <summary>Scalar's page over the service's OpenAPI document: for developers, so in Development only, and offline.</summary>
public sealed class Browsing_the_api_reference
{
    [Fact]
    public async Task Shows_the_openapi_document_in_development_from_the_service_itself()
    {
        await using var vhost = await RabbitMqVirtualHost.CreateAsync();
        await using var database = await PostgresDatabase.CreateAsync();
        await using var service = ServiceProcess.Start("Platform.Auth", vhost, database, new Dictionary<string, string>());
        await service.WaitUntilReady();
        using var http = new HttpClient { BaseAddress = service.Address };

        using var page = await http.GetAsync("/scalar");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/openapi/v1.json", html, StringComparison.Ordinal);
        // Its script comes from the service (bundled in Scalar.AspNetCore), not from a CDN; its default fonts are off.
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        var script = System.Text.RegularExpressions.Regex.Match(html, "<script[^>]+src=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(script), html);
        using var bundle = await http.GetAsync(new Uri(page.RequestMessage!.RequestUri!, script));
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
    }

    [Fact]
    public async Task Is_not_served_in_production()
    {
        await using var vhost = await RabbitMqVirtualHost.CreateAsync();
        await using var database = await PostgresDatabase.CreateAsync();
        await using var service = ServiceProcess.Start("Platform.Auth", vhost, database, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        });
        await service.WaitUntilReady();
        using var http = new HttpClient { BaseAddress = service.Address };

        using var page = await http.GetAsync("/scalar/");
        using var document = await http.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
    }
}
