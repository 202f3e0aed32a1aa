using System.Collections.Immutable;
using Platform.EventStore.Events;

namespace Platform.Reporting.Quarantine;

/// <summary>One recipient's quarantine as folded from its stream <c>recipient/{domain}/{email}</c>.</summary>
public sealed record RecipientQuarantine(ImmutableHashSet<string> QuarantineIds) : IFold<RecipientQuarantine>
{
    public static RecipientQuarantine Initial { get; } = new([]);

    public static string StreamId(string domain, string email) => $"recipient/{domain}/{email}";

    public RecipientQuarantine Apply(object @event) => @event switch
    {
        SpamRecorded e => this with { QuarantineIds = QuarantineIds.Add(e.QuarantineId) },
        _ => this,
    };
}
