using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Platform.ServiceDefaults.Telemetry;
using Xunit;

namespace Platform.ServiceDefaults.Tests;

/// <summary>The paths spans carry (<see cref="PersonalPaths"/>): no address survives, what names no one stays.</summary>
public sealed class Redacting_paths
{
    [Theory]
    [InlineData("/v1/recipients/{email}", "/v1/recipients/{email}")]
    [InlineData("/v1/domains/{domain}/users/{email}/notifications", "/v1/domains/example.com/users/{email}/notifications")]
    [InlineData("/v1/domains/{domain}/directory/syncs/{runId:guid}", "/v1/domains/example.com/directory/syncs/7f1c0a52-5b7e-4d34-a3f4-3f4b9a0c2d11")]
    [InlineData("/v1/admin/accounts/{email}/disable", "/v1/admin/accounts/{email}/disable")]
    [InlineData("/v1/login", "/v1/login")]
    public void Fills_in_only_the_parameters_that_name_no_one(string route, string expected)
    {
        var values = new RouteValueDictionary
        {
            ["domain"] = "example.com",
            ["email"] = "alice@example.com",
            ["runId"] = Guid.Parse("7f1c0a52-5b7e-4d34-a3f4-3f4b9a0c2d11"),
        };

        Assert.Equal(expected, PersonalPaths.OfRoute(RoutePatternFactory.Parse(route), values));
    }

    [Fact]
    public void Hides_an_address_even_in_a_parameter_that_usually_names_no_one()
    {
        var values = new RouteValueDictionary { ["domain"] = "alice@example.com" };

        Assert.Equal("/v1/domains/{domain}", PersonalPaths.OfRoute(RoutePatternFactory.Parse("/v1/domains/{domain}"), values));
    }

    [Theory]
    [InlineData("/v1/nothing/alice@example.com/x", "/v1/nothing/{redacted}/x")]
    [InlineData("/v1/nothing/alice%40example.com", "/v1/nothing/{redacted}")]
    [InlineData("/v1/nothing/example.com", "/v1/nothing/example.com")]
    public void Hides_each_segment_with_an_address_in_a_path_no_route_matched(string path, string expected) =>
        Assert.Equal(expected, PersonalPaths.OfPath(path));

    [Fact]
    public void Keeps_an_outgoing_urls_host_and_drops_its_query()
    {
        var url = new Uri("http://directory-sync:8080/v1/recipients/alice%40example.com?email=bob@example.com");

        Assert.Equal("http://directory-sync:8080/v1/recipients/{redacted}", PersonalPaths.OfUrl(url));
    }
}
