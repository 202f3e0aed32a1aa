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
