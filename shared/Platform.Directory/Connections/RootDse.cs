using System.DirectoryServices.Protocols;
using System.Globalization;
using Platform.Directory.Search;

namespace Platform.Directory.Connections;

/// <summary>The few root DSE attributes we need: which server answered, its USN high-water mark, its clock.</summary>
internal sealed record RootDse(string? DnsHostName, string? ServerName, long? HighestCommittedUsn, DateTimeOffset? CurrentTime)
{
    public static SearchRequest Request(TimeSpan timeout) =>
        new("", "(objectClass=*)", SearchScope.Base, "dnsHostName", "serverName", "highestCommittedUSN", "currentTime")
        {
            TimeLimit = timeout,
        };

    public static RootDse From(SearchResponse response)
    {
        if (response.Entries.Count == 0)
        {
            return new RootDse(null, null, null, null);
        }

        var entry = RawEntry.From(response.Entries[0], new HashSet<string>());
        return new RootDse(
            entry.First("dnsHostName"),
            entry.First("serverName"),
            long.TryParse(entry.First("highestCommittedUSN"), NumberStyles.None, CultureInfo.InvariantCulture, out var usn) ? usn : null,
            GeneralizedTime.TryParse(entry.First("currentTime"), out var now) ? now : null);
    }

    /// <summary>The name a USN mark is bound to: the DC's DNS name, else its server object, else the host we dialled.</summary>
    public string Server(string connectedHost) => DnsHostName ?? ServerName ?? connectedHost;
}
