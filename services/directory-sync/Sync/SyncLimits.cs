using System.Runtime.CompilerServices;
using Platform.Directory.Failures;
using Platform.Directory.Search;

namespace Platform.DirectorySync.Sync;

/// <summary>
/// What one sync (or dry run) may read of a domain's directory: at most <see cref="MaxDirectoryEntries"/> entries
/// (users and unusable entries alike), <c>DirectorySync:MaxDirectoryEntries</c>. Bounds the memory and time one
/// domain can take from every other.
/// </summary>
public sealed record SyncLimits(int MaxDirectoryEntries = SyncLimits.DefaultMaxDirectoryEntries)
{
    public const int DefaultMaxDirectoryEntries = 250_000;

    /// <summary>The failure code of a run refused for reading more than <see cref="MaxDirectoryEntries"/> entries.</summary>
    public const string TooLarge = "directory_too_large";

    public static SyncLimits From(IConfiguration configuration) =>
        new(configuration.GetValue("DirectorySync:MaxDirectoryEntries", DefaultMaxDirectoryEntries));

    /// <summary>
    /// The entries, failing with <see cref="TooLarge"/> on the first one past the limit (which ends the paged search
    /// and releases it on the server).
    /// </summary>
    public async IAsyncEnumerable<DirectoryEntry> Bound(IAsyncEnumerable<DirectoryEntry> entries, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            if (++count > MaxDirectoryEntries)
            {
                throw new DirectoryFailureException(new DirectoryFailure(TooLarge,
                    $"The directory returned more than {MaxDirectoryEntries:N0} entries under the base DN and filter, more than the platform syncs for one domain; nothing was changed or removed.",
                    "Narrow the base DN or add a filter (e.g. the group of mail users), or ask the platform's operator to raise DirectorySync:MaxDirectoryEntries."));
            }

            yield return entry;
        }
    }
}
