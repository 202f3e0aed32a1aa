using JasperFx.Events;
using Marten;
using Platform.Outbox.Store;
using Weasel.Postgresql.Tables;

namespace Platform.Notifications.Settings;

/// <summary>Each domain's saved notification settings (<c>domain_notifications</c>), written inline with the settings' events.</summary>
public sealed class NotificationSettingsProjection : TableProjection
{
    public override string Name => "domain_notifications";

    public override IEnumerable<Table> Tables(string schema)
    {
        var table = new Table($"{schema}.domain_notifications");
        table.AddColumn<string>("domain").AsPrimaryKey();
        table.AddColumn<bool>("welcome_enabled").NotNull();
        table.AddColumn<bool>("welcome_directory_users").NotNull();
        table.AddColumn<string>("sender_name").NotNull();
        table.AddColumn<string>("sender_address").NotNull();
        table.AddColumn<string>("language").NotNull();
        // Branding (issue 20): null where the domain has none, or saved before it existed.
        table.AddColumn<string>("organisation_name");
        table.AddColumn<string>("footer");
        table.AddColumn<string>("accent_color");
        table.AddColumn<string>("saved_by").NotNull();
        table.AddColumn<DateTimeOffset>("saved_at").NotNull();
        yield return table;
    }

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var schema = operations.DocumentStore.Options.DatabaseSchemaName;
        foreach (var saved in events.Select(e => e.Data).OfType<NotificationSettingsSaved>())
        {
            var s = saved.Settings;
            operations.QueueSqlCommand($"""
                INSERT INTO {schema}.domain_notifications AS d
                    (domain, welcome_enabled, welcome_directory_users, sender_name, sender_address, language,
                     organisation_name, footer, accent_color, saved_by, saved_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (domain) DO UPDATE SET welcome_enabled = EXCLUDED.welcome_enabled, welcome_directory_users = EXCLUDED.welcome_directory_users,
                    sender_name = EXCLUDED.sender_name, sender_address = EXCLUDED.sender_address, language = EXCLUDED.language,
                    organisation_name = EXCLUDED.organisation_name, footer = EXCLUDED.footer, accent_color = EXCLUDED.accent_color,
                    saved_by = EXCLUDED.saved_by, saved_at = EXCLUDED.saved_at
                """, saved.Domain, s.WelcomeEnabled, s.WelcomeDirectoryUsers, s.SenderName, s.SenderAddress, s.Language,
                Nullable(s.Branding?.OrganisationName), Nullable(s.Branding?.Footer), Nullable(s.Branding?.AccentColor), saved.Actor, saved.At);
        }

        return Task.CompletedTask;
    }

    private static object Nullable(string? value) => value is null ? DBNull.Value : value;

    public static string StreamId(string domain) => $"notification-settings/{domain}";
}
