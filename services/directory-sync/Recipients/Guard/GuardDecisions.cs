namespace Platform.DirectorySync.Recipients.Guard;

/// <summary>What the guard knows of one client (by address) or one domain.</summary>
public sealed record GuardState(SlidingCount Invalid, DateTimeOffset? BlockedUntil, DateTimeOffset? LastThrottled, DateTimeOffset LastSeen)
{
    public static GuardState New(DateTimeOffset now) => new(new SlidingCount(now, 0, 0), null, null, now);
}

/// <summary>Answer the lookup, answer 429 with a Retry-After, or refuse a blocked client until its block ends.</summary>
public abstract record GuardVerdict
{
    public static readonly GuardVerdict Allow = new Allowed();

    public sealed record Allowed : GuardVerdict;

    /// <param name="ByDomain">Throttled because the domain as a whole is under attack, not for this client's own count.</param>
    public sealed record Throttled(TimeSpan RetryAfter, bool ByDomain) : GuardVerdict;

    public sealed record Blocked(DateTimeOffset Until) : GuardVerdict;
}

/// <summary>
/// The dictionary-attack rules, pure. Only invalid lookups count. A client past its own limit is throttled, and
/// blocked if it keeps going; when a domain is attacked from many clients at once, the clients that make invalid
/// lookups for it are throttled — clients whose lookups are all valid keep their answers.
/// </summary>
public static class GuardDecisions
{
    public static GuardVerdict Decide(GuardState client, GuardState domain, DateTimeOffset now, GuardOptions options)
    {
        if (client.BlockedUntil is { } until && until > now)
        {
            return new GuardVerdict.Blocked(until);
        }

        var own = client.Invalid.Estimate(now, options.Window);
        if (own >= options.InvalidPerClient)
        {
            return new GuardVerdict.Throttled(client.Invalid.UntilBelow(options.InvalidPerClient, now, options.Window), ByDomain: false);
        }

        return own >= 1 && domain.Invalid.Estimate(now, options.Window) >= options.InvalidPerDomain
            ? new GuardVerdict.Throttled(domain.Invalid.UntilBelow(options.InvalidPerDomain, now, options.Window), ByDomain: true)
            : GuardVerdict.Allow;
    }

    /// <summary>Counts an invalid lookup (a throttled one counts too); a client at <see cref="GuardOptions.BlockAt"/> is blocked.</summary>
    public static GuardState CountInvalid(GuardState state, DateTimeOffset now, GuardOptions options, bool mayBlock)
    {
        var invalid = state.Invalid.Add(now, options.Window);
        var blocked = mayBlock && invalid.Estimate(now, options.Window) >= options.BlockAt ? now + options.BlockFor : state.BlockedUntil;
        return state with { Invalid = invalid, BlockedUntil = blocked, LastSeen = now };
    }

    /// <summary>Notes a throttled or blocked lookup; true when it starts an episode (none within <see cref="GuardOptions.EpisodeQuiet"/>).</summary>
    public static (GuardState State, bool EpisodeStarted) Throttled(GuardState state, DateTimeOffset now, GuardOptions options) =>
        (state with { LastThrottled = now, LastSeen = now }, state.LastThrottled is not { } last || now - last >= options.EpisodeQuiet);
}
