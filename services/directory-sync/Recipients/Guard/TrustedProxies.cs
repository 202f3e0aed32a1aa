using System.Net;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Http;

namespace Platform.DirectorySync.Recipients.Guard;

/// <summary>The configured trusted proxies (<c>Recipients:Guard:TrustedProxies</c>), parsed once; a bad entry stops start-up.</summary>
public sealed class TrustedProxies(IOptions<GuardOptions> options)
{
    public IReadOnlyList<IPNetwork> Networks { get; } = ClientAddresses.ParseNetworks(options.Value.TrustedProxies);
}
