using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Which proxies' <c>X-Forwarded-For</c> is believed: ASP.NET Core's forwarded-headers middleware, trusting only the
/// networks and addresses configured (section <c>ForwardedHeaders</c>: <c>KnownNetworks:0..n</c> in CIDR,
/// <c>KnownProxies:0..n</c>; each also as one comma-separated value). Nothing configured, nothing is believed — not
/// even loopback, ASP.NET Core's own default. Behind the middleware the connection's peer is the client
/// (<see cref="ClientAddresses"/>), for every per-client count of the services.
/// </summary>
public static class ProxyTrust
{
    public const string Section = "ForwardedHeaders";
    public const string NetworksSetting = "ForwardedHeaders__KnownNetworks";
    public const string ProxiesSetting = "ForwardedHeaders__KnownProxies";

    public static WebApplicationBuilder AddPlatformForwardedHeaders(this WebApplicationBuilder builder)
    {
        // Read (and checked) at start: a bad entry stops the service rather than trusting nobody or everybody.
        var networks = ClientAddresses.ParseNetworks(List(builder.Configuration, "KnownNetworks"));
        var proxies = List(builder.Configuration, "KnownProxies").Select(p => IPAddress.Parse(p.Trim())).ToList();
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            // Every trusted hop from the right is stepped over, to the nearest address that is not a trusted proxy.
            o.ForwardLimit = null;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
#pragma warning disable ASPDEPR005 // The middleware still reads the obsolete list too, and it starts out with loopback.
            o.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(network);
            }

            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(proxy);
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline; in Production, a warning (once) when an untrusted peer sends <c>X-Forwarded-For</c>.</summary>
    public static WebApplication UsePlatformForwardedHeaders(this WebApplication app)
    {
        if (app.Environment.IsProduction())
        {
            app.UseMiddleware<UntrustedForwardingWarning>();
        }

        // With no known proxy at all the middleware would believe every peer: then it is left out.
        var options = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        if (options.KnownIPNetworks.Count > 0 || options.KnownProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    private static IEnumerable<string> List(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection($"{Section}:{key}");
        var children = section.GetChildren().Select(c => c.Value).OfType<string>().ToList();
        return children.Count > 0 ? children : (section.Value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
