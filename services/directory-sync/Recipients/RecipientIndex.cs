using System.Collections.Frozen;
using System.Collections.Concurrent;
using Platform.DirectorySync.Recipients.Callout;

namespace Platform.DirectorySync.Recipients;

/// <summary>
/// This replica's in-memory copy of every served domain's valid recipient addresses, answered without a database
/// round trip (the filter asks on every RCPT TO). <see cref="RecipientIndexRefresher"/> keeps it current from the read
/// models, reloading a domain after the transactions that change it notify.
/// </summary>
public sealed class RecipientIndex
{
    private readonly ConcurrentDictionary<string, DomainRecipients> _domains = new(StringComparer.Ordinal);

    /// <summary>False until the first full load: lookups before it would wrongly answer "not served".</summary>
    public bool Loaded { get; private set; }

    public int Domains => _domains.Count;

    public RecipientAnswer Lookup(string domain, string address) =>
        !_domains.TryGetValue(domain, out var recipients) ? RecipientAnswer.NotServed
        : recipients.Callout is not null ? RecipientAnswer.AskCallout
        : recipients.Addresses.Contains(address) ? RecipientAnswer.Valid
        : RecipientAnswer.Invalid;

    /// <summary>The mail server to ask, for a domain that verifies by callout.</summary>
    public CalloutServer? CalloutFor(string domain) => _domains.TryGetValue(domain, out var recipients) ? recipients.Callout : null;

    /// <summary>Replaces a domain's addresses at once (readers see the old set or the new one, never a mix).</summary>
    public void Replace(string domain, DomainRecipients? recipients)
    {
        if (recipients is null)
        {
            _domains.TryRemove(domain, out _);
        }
        else
        {
            _domains[domain] = recipients;
        }
    }

    /// <summary>After a full load: domains no longer served are dropped.</summary>
    public void ReplaceAll(IReadOnlyDictionary<string, DomainRecipients> domains)
    {
        foreach (var domain in _domains.Keys.Where(d => !domains.ContainsKey(d)))
        {
            _domains.TryRemove(domain, out _);
        }

        foreach (var (domain, recipients) in domains)
        {
            _domains[domain] = recipients;
        }

        Loaded = true;
    }
}

/// <summary>
/// A served domain's valid addresses: for a domain with directory sync, every address of its directory users
/// (primary and aliases; disabled accounts too — Exchange's shared mailboxes are disabled accounts); for others, the
/// registry's users; for a domain without directory that verifies by callout, its mail server.
/// </summary>
public sealed record DomainRecipients(FrozenSet<string> Addresses, CalloutServer? Callout = null);

public enum RecipientAnswer
{
    NotServed,
    Valid,
    Invalid,

    /// <summary>The domain verifies by callout: ask its mail server (<see cref="RecipientIndex.CalloutFor"/>).</summary>
    AskCallout,
}
