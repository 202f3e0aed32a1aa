using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Platform.DirectorySync.Settings;

/// <summary>A domain's directory configuration, folded from the stream <c>directory/{domain}</c>.</summary>
public sealed record DomainDirectory(SavedSettings? Settings, string? ProtectedBindPassword, string? UpdatedBy, DateTimeOffset? UpdatedAt)
{
    public static DomainDirectory Initial { get; } = new(null, null, null, null);

    /// <summary>The stream key (set by Marten).</summary>
    public string Id { get; set; } = "";

    public static string StreamId(string domain) => $"directory/{domain}";

    /// <summary>What protects the bind password of <paramref name="domain"/>: a value encrypted for one domain is useless for another.</summary>
    public static string PasswordContext(string domain) => Directory.Settings.PublishedSettings.PasswordContext(domain);

    public bool Configured => Settings is not null;

    public DomainDirectory After(DirectorySettingsEvent @event) => @event switch
    {
        DirectorySettingsSaved e => new DomainDirectory(e.Settings, e.ProtectedBindPassword, e.Actor, e.At) { Id = Id },
        DirectorySettingsRemoved e => new DomainDirectory(null, null, e.Actor, e.At) { Id = Id },
        _ => this,
    };
}

/// <summary>Marten's live aggregation of <see cref="DomainDirectory"/>: read per save and per sync run, rarely.</summary>
public sealed class DomainDirectoryProjection : SingleStreamProjection<DomainDirectory, string>
{
    public override DomainDirectory Evolve(DomainDirectory? snapshot, string id, IEvent e) =>
        (e.Data is DirectorySettingsEvent change ? (snapshot ?? DomainDirectory.Initial).After(change) : snapshot ?? DomainDirectory.Initial) with { Id = id };
}
