using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Testing;

/// <summary>
/// The service with the network peer of each request taken from a test header: the in-memory test server has no
/// sockets, so without it every request would come from nowhere and be one client.
/// </summary>
public class PeerAddressHost<TProgram> : ServiceHost<TProgram>
    where TProgram : class
{
    public const string PeerHeader = "X-Test-Peer";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerFromHeader>());
    }

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[PeerHeader], out var peer))
                {
                    context.Connection.RemoteIpAddress = peer;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
