using System.Net;
using System.Text.RegularExpressions;
using Platform.Testing;
using Xunit;

namespace Platform.ServiceDefaults.Tests;

/// <summary>Scalar's page over the service's OpenAPI document: for developers, so in Development only, and offline.</summary>
public sealed class Browsing_the_api_reference
{
    [Fact]
    public async Task Shows_the_openapi_document_in_development_from_the_service_itself_and_nothing_in_production()
    {
        await using var vhost = await RabbitMqVirtualHost.CreateAsync();
        await using var database = await PostgresDatabase.CreateAsync();
        await using (var development = ServiceProcess.Start("Platform.Auth", vhost, database, new Dictionary<string, string>()))
        {
            await development.WaitUntilReady();
            using var http = new HttpClient { BaseAddress = development.Address };

            using var page = await http.GetAsync("/scalar");
            var html = await page.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            // Its script comes from the service (bundled in Scalar.AspNetCore), not from a CDN; its default fonts are off.
            Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
            Assert.Contains("\"withDefaultFonts\":false", html, StringComparison.Ordinal);
            Assert.Contains("\"telemetry\":false", html, StringComparison.Ordinal);
            var scripts = Regex.Matches(html, "<script[^>]+src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
            Assert.True(scripts.Count > 0, html);
            foreach (var script in scripts)
            {
                using var bundle = await http.GetAsync(new Uri(page.RequestMessage!.RequestUri!, script));
                Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
            }

            // The page's source: the service's own document, which Scalar's script asks for from the site's root.
            var source = Regex.Match(html, "\"sources\":\\[\\{\"title\":\"v1\",\"url\":\"([^\"]+)\"").Groups[1].Value;
            Assert.Equal("openapi/v1.json", source);
            using var sourceDocument = await http.GetAsync("/" + source);
            Assert.Equal(HttpStatusCode.OK, sourceDocument.StatusCode);
        }

        // Production applies no schema at start-up: the development run above did, in the same database.
        await using var production = ServiceProcess.Start("Platform.Auth", vhost, database, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        });
        await production.WaitUntilReady();
        using var client = new HttpClient { BaseAddress = production.Address };

        using var absent = await client.GetAsync("/scalar/");
        using var document = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
    }
}
