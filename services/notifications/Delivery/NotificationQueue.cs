using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Marten;
using Npgsql;
using Platform.Notifications.Settings;

namespace Platform.Notifications.Delivery;

/// <summary>
/// Records the intent to send a mail, once per key: the stream <c>notification/{key}</c> is started, so of two
/// consumers racing to queue the same mail one fails its commit and, retried, finds it queued.
/// </summary>
public sealed class NotificationQueue(NpgsqlDataSource data, IDocumentStore store, TimeProvider clock)
{
    public static string WelcomeKey(string domain, string email) => $"welcome/{domain}/{email}";

    public static string ReportKey(string reportId) => $"report/{reportId}";

    /// <summary>A Message-ID derived from the key alone: every attempt for one mail carries the same one.</summary>
    public static string MessageId(string key, string senderAddress)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
        return $"<{key.Split('/')[0]}.{hash}@{senderAddress[(senderAddress.LastIndexOf('@') + 1)..]}>";
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand($"SELECT EXISTS (SELECT 1 FROM {store.Options.DatabaseSchemaName}.notifications WHERE key = $1)");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// The mail to queue, now, in the trace of the flow queuing it: in the language the user chose for their report
    /// (reporting's), else the domain's; with the domain's sender and branding as they are now.
    /// </summary>
    public NotificationQueued Mail(
        string key, string kind, string domain, string email, NotificationSettings settings, Contracts.PeriodicReportReady? report = null) =>
        new(key, kind, domain, email, MessageId(key, settings.SenderAddress),
            report?.Language is { } own && NotificationSettings.Languages.Contains(own) ? own : settings.Language,
            settings.SenderName, settings.SenderAddress, clock.GetUtcNow(), report, Activity.Current?.Id, settings.Branding);

    /// <summary>Adds the queued mail to <paramref name="session"/>; the caller commits it.</summary>
    public static void Queue(IDocumentSession session, NotificationQueued mail) =>
        session.Events.StartStream(NotificationsProjection.StreamId(mail.Key), mail);
}
