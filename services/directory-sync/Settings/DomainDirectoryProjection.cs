using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Platform.DirectorySync.Settings;

/// <summary>Marten's live aggregation of <see cref="DomainDirectory"/>: read per save and per sync run, rarely.</summary>
public sealed class DomainDirectoryProjection : SingleStreamProjection<DomainDirectory, string>
{
    public override DomainDirectory Evolve(DomainDirectory? snapshot, string id, IEvent e) =>
        (e.Data is DirectorySettingsEvent change ? (snapshot ?? DomainDirectory.Initial).After(change) : snapshot ?? DomainDirectory.Initial) with { Id = id };
}
