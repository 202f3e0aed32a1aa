namespace Platform.Bench.Sync;

/// <summary>
/// The import and re-sync of <c>bench sync</c>, run with the real directory-sync code against the bench's own
/// directory: an initial import of <see cref="BenchDirectory.Users"/> users into an empty domain, then a second sync
/// with nothing changed. The benchmark times nothing itself here: the run reports its own figures.
/// </summary>
internal delegate Task<SyncFigures> SyncRun(BenchDirectory directory, CancellationToken cancellationToken);

/// <summary>What a <see cref="SyncRun"/> measured.</summary>
/// <param name="ImportedUsers">Users the initial import recorded; anything but <see cref="BenchDirectory.Users"/> fails the benchmark.</param>
/// <param name="Import">Wall time of the initial import, from starting the sync to its last user being stored.</param>
/// <param name="Resync">Wall time of the re-sync with nothing changed in the directory.</param>
/// <param name="Rounds">Each round's own figures, when the run measured more than one and kept the best.</param>
internal sealed record SyncFigures(int ImportedUsers, TimeSpan Import, TimeSpan Resync, IReadOnlyList<SyncRound> Rounds)
{
    /// <summary>The highest peak working set of any import or re-sync of any round, in bytes.</summary>
    public long PeakWorkingSet => Rounds.Max(r => Math.Max(r.ImportPeak, r.ResyncPeak));
}

/// <summary>
/// One round of import and re-sync, into a database of its own, with each sync's peak working set in bytes and the
/// working set the process started the round's import with (runtime, code, the bench's own state).
/// </summary>
internal sealed record SyncRound(int ImportedUsers, TimeSpan Import, TimeSpan Resync, long ImportPeak, long ResyncPeak, long StartingWorkingSet);
