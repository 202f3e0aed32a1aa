using System.Net.Http.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Contracts;
using Platform.Notifications.Delivery;
using Platform.Notifications.Tests.Welcome;
using Platform.Security.Tokens;
using Platform.Testing;
using Weasel.Core;
using JasperFx;
using Xunit;

namespace Platform.Notifications.Tests.Projections;

/// <summary>
/// The queue (<c>notifications</c>) and the domains' settings (<c>domain_notifications</c>) are Marten projections
/// written inline: rebuilt by Marten from the events, they are what the inline writes made them; and the schema Marten
/// created is the one it wants (no migration left to apply at the next start).
/// </summary>
public sealed class Rebuilding_the_read_models
{
    // The lease owner is the lanes' own bookkeeping, not an event's: a rebuild leaves it empty.
    private const string Queue = """
        SELECT ROW(key, kind, domain, email, message_id, report_id, state, attempts, queued_at, next_attempt_at, last_error, smtp_code,
                   finished_at, lease_until, payload, version)::text
        FROM notifications.notifications ORDER BY key
        """;

    private const string Settings = "SELECT d::text FROM notifications.domain_notifications d ORDER BY domain";

    [Fact]
    public async Task Rebuilds_sent_and_failed_mail_and_saved_settings_as_they_were_written()
    {
        var (domain, refusing) = (Welcoming_users.Domain(), Welcoming_users.Domain());
        var mailboxes = Path.Combine(Infrastructure.Get("Smtp:MailboxDir"), refusing);
        await File.WriteAllTextAsync(mailboxes, "# nobody here\n");
        try
        {
            await using var host = await NotificationsHost.StartAsync();
            using var admin = host.Service.CreateClient().As(PlatformTokenRequest.PlatformAdmin("ops@platform.test"));
            (await admin.PutAsJsonAsync($"/v1/domains/{domain}/notifications", new { language = "de" })).EnsureSuccessStatusCode();
            (await admin.PutAsJsonAsync($"/v1/domains/{domain}/notifications", new
            {
                language = "en", senderName = "Example", organisationName = "Example Ltd", footer = "Example Ltd\nMain Street 1", accentColor = "#1a5fb4",
            })).EnsureSuccessStatusCode();
            var bus = host.Service.Services.GetRequiredService<IBus>();
            await bus.Publish(Welcoming_users.FirstSpam(domain, "ada"));
            await bus.Publish(Welcoming_users.FirstSpam(domain, "bob"));
            await bus.Publish(Welcoming_users.FirstSpam(refusing, "ghost"));
            await Eventually.Get(() => host.OutboxAsync(nameof(WelcomeMessageSent)), m => m.Count == 2, TimeSpan.FromSeconds(30));
            await Eventually.Get(() => host.OutboxAsync(nameof(NotificationFailed)), m => m.Count == 1, TimeSpan.FromSeconds(30));

            // Rebuilt while no lane claims: a rebuild empties the leases (docs/notifications.md).
            await host.Service.Services.GetRequiredService<DeliveryWorker>().StopAsync(CancellationToken.None);
            await using var data = NpgsqlDataSource.Create(host.Service.ConnectionString);
            var (queue, settings) = (await RowsAsync(data, Queue), await RowsAsync(data, Settings));
            Assert.Equal((1, 2), (Count(queue, ",failed,1,"), Count(queue, ",sent,1,")));
            Assert.Contains(",f,Example,", Assert.Single(settings), StringComparison.Ordinal);
            await ExecuteAsync(data, "UPDATE notifications.notifications SET state = 'queued', version = 0; DELETE FROM notifications.domain_notifications");

            var store = host.Service.Services.GetRequiredService<IDocumentStore>();
            using (var daemon = await store.BuildProjectionDaemonAsync())
            {
                await daemon.RebuildProjectionAsync("notifications", TimeSpan.FromMinutes(1), CancellationToken.None);
                await daemon.RebuildProjectionAsync("domain_notifications", TimeSpan.FromMinutes(1), CancellationToken.None);
            }

            Assert.Equal(queue, await RowsAsync(data, Queue));
            Assert.Equal(settings, await RowsAsync(data, Settings));
            var migration = await store.Storage.Database.CreateMigrationAsync();
            Assert.True(migration.Difference == SchemaPatchDifference.None, Sql(migration, store));
        }
        finally
        {
            File.Delete(mailboxes);
        }
    }

    private static int Count(List<string> rows, string text) => rows.Count(r => r.Contains(text, StringComparison.Ordinal));

    private static string Sql(SchemaMigration migration, IDocumentStore store)
    {
        using var writer = new StringWriter();
        migration.WriteAllUpdates(writer, ((DocumentStore)store).Options.Advanced.Migrator, AutoCreate.CreateOrUpdate);
        return writer.ToString();
    }

    private static async Task<List<string>> RowsAsync(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
