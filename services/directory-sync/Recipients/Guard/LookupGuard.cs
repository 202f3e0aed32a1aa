using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Platform.DirectorySync.Recipients.Guard;

/// <summary>
/// This replica's dictionary-attack guard for recipient lookups: per client address and per domain, in memory, with
/// the rules of <see cref="GuardDecisions"/>. Cheap for well-behaved clients: a dictionary lookup and a short lock.
/// </summary>
public sealed class LookupGuard(IOptions<GuardOptions> options, TimeProvider clock)
{
    private readonly GuardOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, StrongBox> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox> _domains = new(StringComparer.Ordinal);
    private int _recorded;

    public int TrackedClients => _clients.Count;

    public int TrackedDomains => _domains.Count;

    /// <summary>The verdict for a lookup about to be answered, and the episode it starts, if any (report it once).</summary>
    public (GuardVerdict Verdict, AttackEpisode? Started) Check(string client, string domain)
    {
        var now = clock.GetUtcNow();
        var clientBox = Box(_clients, client, now);
        // Domains are tracked once an invalid lookup for a served domain is counted: made-up domains cost no memory.
        var domainBox = _domains.TryGetValue(domain, out var tracked) ? tracked : new StrongBox(GuardState.New(now));
        GuardVerdict verdict;
        lock (clientBox)
        {
            lock (domainBox)
            {
                verdict = GuardDecisions.Decide(clientBox.State, domainBox.State, now, _options);
            }
        }

        if (verdict is GuardVerdict.Allowed)
        {
            return (verdict, null);
        }

        // A client past its own limit is one episode; many clients at one domain are the domain's episode.
        var (box, scope) = verdict is GuardVerdict.Throttled { ByDomain: true } ? (domainBox, AttackScopes.Domain) : (clientBox, AttackScopes.Client);
        bool started;
        double count;
        lock (box)
        {
            (box.State, started) = GuardDecisions.Throttled(box.State, now, _options);
            count = box.State.Invalid.Estimate(now, _options.Window);
        }

        return (verdict, started ? new AttackEpisode(scope, domain, scope == AttackScopes.Client ? client : null, (int)Math.Round(count), now) : null);
    }

    /// <summary>
    /// Counts the lookup's outcome: only invalid lookups (and refused ones) count. <paramref name="served"/>: the
    /// domain is one the platform serves — only those are counted per domain, so their number bounds the memory.
    /// </summary>
    public void Record(string client, string domain, bool valid, bool served = true)
    {
        if (valid)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var clientBox = Box(_clients, client, now);
        lock (clientBox)
        {
            clientBox.State = GuardDecisions.CountInvalid(clientBox.State, now, _options, mayBlock: true);
        }

        if (served)
        {
            var domainBox = Box(_domains, domain, now);
            lock (domainBox)
            {
                domainBox.State = GuardDecisions.CountInvalid(domainBox.State, now, _options, mayBlock: false);
            }
        }

        if (Interlocked.Increment(ref _recorded) % 1024 == 0 && _clients.Count > _options.MaxTrackedClients)
        {
            Forget(now);
        }
    }

    /// <summary>Drops clients neither seen within two windows nor blocked.</summary>
    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, box) in _clients)
        {
            lock (box)
            {
                if (now - box.State.LastSeen > _options.Window * 2 && !(box.State.BlockedUntil > now))
                {
                    _clients.TryRemove(key, out _);
                }
            }
        }
    }

    private static StrongBox Box(ConcurrentDictionary<string, StrongBox> boxes, string key, DateTimeOffset now) =>
        boxes.GetOrAdd(key, static (_, at) => new StrongBox(GuardState.New(at)), now);

    private sealed class StrongBox(GuardState state)
    {
        public GuardState State { get; set; } = state;
    }
}

/// <summary>What <c>DictionaryAttackSuspected</c> reports: one client's probing, or a domain probed from many.</summary>
public sealed record AttackEpisode(string Scope, string Domain, string? ClientAddress, int InvalidLookups, DateTimeOffset StartedAt);

public static class AttackScopes
{
    public const string Client = "client";
    public const string Domain = "domain";
}
