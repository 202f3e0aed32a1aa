namespace Platform.DirectorySync.Recipients.Guard;

/// <summary>Dictionary-attack limits for recipient lookups (section <c>Recipients:Guard</c>).</summary>
public sealed class GuardOptions
{
    /// <summary>The sliding window invalid lookups are counted in.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Invalid lookups one client may make per window before it is answered 429.</summary>
    public int InvalidPerClient { get; set; } = 30;

    /// <summary>Invalid lookups per window for one domain from all clients (a distributed attack) before clients that
    /// make invalid lookups for it are answered 429; clients whose lookups are valid are not.</summary>
    public int InvalidPerDomain { get; set; } = 300;

    /// <summary>A client that goes on to this many invalid lookups in a window (429s ignored) is blocked.</summary>
    public int BlockAt { get; set; } = 90;

    public TimeSpan BlockFor { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>An episode ends after this long without a throttled lookup; the next one is reported anew.</summary>
    public TimeSpan EpisodeQuiet { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Bounded memory: beyond this many clients, those not seen for a window are forgotten.</summary>
    public int MaxTrackedClients { get; set; } = 100_000;
}
