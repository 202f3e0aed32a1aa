using System.DirectoryServices.Protocols;
using System.Runtime.CompilerServices;
using Platform.Directory.Connections;
using Platform.Directory.Escaping;
using Platform.Directory.Failures;
using Platform.Directory.Settings;

namespace Platform.Directory.Search;

/// <summary>The searches behind every user query, on a <see cref="DirectoryChannel"/>.</summary>
internal static class UserSearch
{
    /// <summary>
    /// Every user matching the domain's filters (and <paramref name="clause"/>), page by page with the RFC 2696
    /// paged-results control, so that the server's size limit (AD: 1000, our OpenLDAP: 500) never truncates the result.
    /// </summary>
    public static async IAsyncEnumerable<DirectoryEntry> PagedAsync(
        DirectoryChannel channel, DirectorySettings settings, string? clause, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var mapping = settings.Mapping;
        var login = settings.LoginAttribute;
        var binary = BinaryAttributes(settings);
        var request = Request(settings, clause);
        var paging = new PageResultRequestControl(settings.PageSize);
        request.Controls.Add(paging);
        var completed = false;
        try
        {
            while (true)
            {
                var page = await channel.RunAsync(c => (SearchResponse)c.SendRequest(request, settings.OperationTimeout), FailureStage.Search, cancellationToken);
                foreach (SearchResultEntry entry in page.Entries)
                {
                    yield return UserMapper.Map(RawEntry.From(entry, binary), mapping, login);
                }

                var next = page.Controls.OfType<PageResultResponseControl>().FirstOrDefault();
                if (next is null || next.Cookie is not { Length: > 0 })
                {
                    break;
                }

                paging.Cookie = next.Cookie;
            }

            completed = true;
        }
        finally
        {
            if (!completed)
            {
                // The server still holds the paged search's state; closing the connection releases it.
                channel.Abandon();
            }
        }
    }

    /// <summary>The (at most two: enough to tell "ambiguous") users matching <paramref name="clause"/>.</summary>
    public static async Task<IReadOnlyList<DirectoryEntry>> FindAsync(
        DirectoryChannel channel, DirectorySettings settings, string clause, CancellationToken cancellationToken)
    {
        var request = Request(settings, clause);
        request.SizeLimit = 2;
        var response = await channel.RunAsync(
            c =>
            {
                try
                {
                    return (SearchResponse)c.SendRequest(request, settings.OperationTimeout);
                }
                catch (DirectoryOperationException e) when (e.Response is SearchResponse { ResultCode: ResultCode.SizeLimitExceeded } partial)
                {
                    return partial;
                }
            },
            FailureStage.Search,
            cancellationToken);
        var binary = BinaryAttributes(settings);
        return response.Entries.Cast<SearchResultEntry>()
            .Select(e => UserMapper.Map(RawEntry.From(e, binary), settings.Mapping, settings.LoginAttribute))
            .ToList();
    }

    /// <summary>Reads the base DN entry itself; fails with base_dn_not_found when it does not exist or cannot be read.</summary>
    public static Task BaseDnExistsAsync(DirectoryChannel channel, DirectorySettings settings, CancellationToken cancellationToken) =>
        channel.RunAsync(
            c => c.SendRequest(new SearchRequest(settings.BaseDn, "(objectClass=*)", SearchScope.Base, "1.1") { TimeLimit = settings.OperationTimeout }, settings.OperationTimeout),
            FailureStage.BaseDn,
            cancellationToken);

    public static Task<RootDse> ReadRootDseAsync(DirectoryChannel channel, DirectorySettings settings, CancellationToken cancellationToken) =>
        channel.RunAsync(c => RootDse.From((SearchResponse)c.SendRequest(RootDse.Request(settings.OperationTimeout), settings.OperationTimeout)), FailureStage.Search, cancellationToken);

    /// <summary>The full filter: the kind's user filter AND the domain's extra filter AND the query's clause.</summary>
    public static string Filter(DirectorySettings settings, string? clause) => LdapFilter.And(settings.Mapping.UserFilter, settings.ExtraFilter, clause);

    private static SearchRequest Request(DirectorySettings settings, string? clause) =>
        new(settings.BaseDn, Filter(settings, clause), SearchScope.Subtree, settings.Mapping.AttributesToRead(settings.LoginAttribute))
        {
            TimeLimit = settings.OperationTimeout,
        };

    private static HashSet<string> BinaryAttributes(DirectorySettings settings) =>
        settings.Mapping.IdIsBinaryGuid ? new(StringComparer.OrdinalIgnoreCase) { settings.Mapping.Id } : new(StringComparer.OrdinalIgnoreCase);
}
