using System.Net;
using Microsoft.AspNetCore.Http;
using Platform.Panel.Backends;
using Xunit;

namespace Platform.Panel.Tests;

/// <summary>
/// What the panel adds to its calls to auth: the browser's address as X-Forwarded-For (auth counts per client), in
/// place of whatever the request carried; nothing outside a request.
/// </summary>
public sealed class Forwarding_the_browsers_address
{
    [Theory]
    [InlineData("198.51.100.7", "198.51.100.7")]
    [InlineData("::ffff:198.51.100.8", "198.51.100.8")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    public async Task Names_the_browser_in_place_of_any_forwarded_address(string browser, string forwarded)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(browser);

        var sent = await SendAsync(http);

        Assert.Equal([forwarded], sent);
    }

    [Fact]
    public async Task Forwards_nothing_outside_a_request()
    {
        Assert.Empty(await SendAsync(null));
    }

    /// <summary>The X-Forwarded-For values a request carrying a forged one leaves the panel with.</summary>
    private static async Task<string[]> SendAsync(HttpContext? current)
    {
        var seen = new Seen();
        using var invoker = new HttpMessageInvoker(new ForwardedFor(new HttpContextAccessor { HttpContext = current }) { InnerHandler = seen });
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://auth.invalid/v1/login");
        request.Headers.TryAddWithoutValidation(ForwardedFor.Header, "203.0.113.66");
        using var _ = await invoker.SendAsync(request, CancellationToken.None);
        return seen.ForwardedFor;
    }

    /// <summary>Where the request would go on the wire: keeps its X-Forwarded-For and answers 204.</summary>
    private sealed class Seen : HttpMessageHandler
    {
        public string[] ForwardedFor { get; private set; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            ForwardedFor = request.Headers.TryGetValues(Backends.ForwardedFor.Header, out var values) ? [.. values] : [];
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
        }
    }
}
