using System.Diagnostics;
using System.DirectoryServices.Protocols;
using System.Net;

namespace Platform.Bench.Sync;

/// <summary>
/// The baseline: what reading every user costs with System.DirectoryServices.Protocols alone. The same connection
/// (StartTLS with the local CA, bound as the service account), filter, attributes and page size as a sync, counting
/// entries and nothing else.
/// </summary>
internal static class RawPagedSearch
{
    public static (int Entries, TimeSpan Elapsed) Run(BenchDirectory directory, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The bench directory runs on Linux only.");
        }

        var settings = directory.Settings;
        var watch = Stopwatch.StartNew();
        using var connection = BenchSlapd.Connect(directory.Port);
        connection.SessionOptions.TrustedCertificatesDirectory = directory.CaDirectory;
        connection.SessionOptions.StartNewTlsSessionContext();
        // StartTLS needs an open connection, and S.DS.P only opens one when binding.
        connection.AuthType = AuthType.Anonymous;
        connection.Bind();
        connection.SessionOptions.StartTransportLayerSecurity(null);
        connection.AuthType = AuthType.Basic;
        connection.Bind(new NetworkCredential(BenchDirectory.ServiceDn, directory.ServicePassword.Reveal()));

        var request = new SearchRequest(
            BenchDirectory.BaseDn, settings.Mapping.UserFilter, SearchScope.Subtree, settings.Mapping.AttributesToRead(settings.LoginAttribute));
        var paging = new PageResultRequestControl(settings.PageSize);
        request.Controls.Add(paging);
        var entries = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = (SearchResponse)connection.SendRequest(request);
            entries += page.Entries.Count;
            var next = page.Controls.OfType<PageResultResponseControl>().FirstOrDefault();
            if (next?.Cookie is not { Length: > 0 } cookie)
            {
                return (entries, watch.Elapsed);
            }

            paging.Cookie = cookie;
        }
    }
}
