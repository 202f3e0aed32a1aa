using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Notifications.Delivery;
using Platform.Notifications.Mail;

namespace Platform.Notifications.Settings;

/// <summary>Reads and saves a domain's notification settings.</summary>
public sealed class NotificationSettingsStore(NpgsqlDataSource data, IDocumentStore store, TimeProvider clock, IOptions<DeliveryOptions> options)
{
    public NotificationSettings Defaults => NotificationSettings.Defaults(options.Value.DefaultSender);

    /// <summary>The senders any domain may use besides its own addresses.</summary>
    public IReadOnlyCollection<string> PlatformSenders => options.Value.AllPlatformSenders;

    /// <summary>The settings' columns of <c>domain_notifications d</c>, as <see cref="Read"/> takes them.</summary>
    public const string Columns =
        "d.welcome_enabled, d.welcome_directory_users, d.sender_name, d.sender_address, d.language, d.organisation_name, d.footer, d.accent_color";

    /// <summary>How many columns <see cref="Columns"/> names: a query's next column is at <c>first + ColumnCount</c>.</summary>
    public const int ColumnCount = 8;

    public async Task<(NotificationSettings Settings, bool Saved)> GetAsync(string domain, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand($"SELECT {Columns} FROM {store.Options.DatabaseSchemaName}.domain_notifications d WHERE d.domain = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = domain });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (Read(reader, 0), true) : (Defaults, false);
    }

    /// <summary>The settings at <paramref name="first"/> (<see cref="Columns"/>), or the defaults when the domain saved none.</summary>
    public NotificationSettings Read(NpgsqlDataReader reader, int first) => reader.IsDBNull(first)
        ? Defaults
        : new NotificationSettings(reader.GetBoolean(first), reader.GetBoolean(first + 1), reader.GetString(first + 2), reader.GetString(first + 3),
            reader.GetString(first + 4), Branding(reader, first + 5));

    private static MailBranding? Branding(NpgsqlDataReader reader, int first)
    {
        string? Text(int i) => reader.IsDBNull(first + i) ? null : reader.GetString(first + i);
        var (organisation, footer, accent) = (Text(0), Text(1), Text(2));
        return organisation is null && footer is null && accent is null ? null : new MailBranding(organisation, footer, accent);
    }

    public async Task SaveAsync(string domain, NotificationSettings settings, string actor, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        session.LastModifiedBy = actor;
        session.Events.Append(NotificationSettingsProjection.StreamId(domain), new NotificationSettingsSaved(domain, settings, actor, clock.GetUtcNow()));
        await session.SaveChangesAsync(cancellationToken);
    }
}
