using System.Text.Json;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Contracts;
using Platform.Outbox.Store;
using Platform.Notifications.Mail;
using Platform.Notifications.Reports;
using Platform.Notifications.Welcome;
using Platform.Notifications.Relay;

namespace Platform.Notifications.Delivery;

/// <summary>
/// Sends queued mail: each lane claims due mails with a lease (so replicas and lanes never send one at the same
/// time), asks auth for the login link, renders, submits over its own kept relay connection, and records the outcome
/// with the message other services learn it from. A replica that dies while sending lets its lease run out and the
/// mail is sent again, with the same Message-ID.
/// </summary>
public sealed partial class DeliveryWorker(
    NpgsqlDataSource data,
    IDocumentStore store,
    GroupCommits commits,
    LoginLinks links,
    DeliverySignal signal,
    TimeProvider clock,
    IOptions<DeliveryOptions> options,
    IOptions<SmtpRelayOptions> relay,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    private DeliveryOptions Options => options.Value;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, Options.Concurrency)).Select(_ => Task.Run(() => LaneAsync(stoppingToken), stoppingToken)));

    /// <summary>Sends what is due now, in one lane; the number of mails handled (tests drive it).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var relayConnection = new LaneRelay();
        var handled = 0;
        while (await ClaimAsync(cancellationToken) is { Count: > 0 } claimed)
        {
            // The mails of a claim go at once: their links are asked for together (auth issues them in one commit)
            // and their outcomes recorded together, while the lane's one relay connection submits them in turn.
            var attempts = claimed.Select(mail => AttemptAsync(mail, relayConnection, cancellationToken)).ToList();
            try
            {
                await Task.WhenAll(attempts);
            }
            catch
            {
                // Stopping or failing: the mails not yet handed to the relay are free for another lane at once. One
                // that was keeps its lease — the relay may have accepted it.
                await ReleaseAsync(claimed.Where(m => !m.Submitting));
                throw;
            }

            handled += attempts.Count(a => a.Result);
            if (claimed.Count < Options.BatchSize)
            {
                break; // all that was due; what was queued meanwhile waits for the signal and the gather delay
            }
        }

        return handled;
    }

    private async Task LaneAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
                await signal.WaitAsync(Options.PollInterval, stoppingToken);
                // The mails queued in a burst go in a few full claims rather than many small ones.
                await Task.Delay(Options.GatherDelay, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogLaneFailed(logger, e);
                await Task.Delay(Options.PollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>One attempt at one mail, in the trace of the flow that queued it; false when its lease was lost.</summary>
    private async Task<bool> AttemptAsync(ClaimedMail mail, LaneRelay relayConnection, CancellationToken cancellationToken)
    {
        using var attempt = DeliveryTracing.StartAttempt(mail.Queued);
        var queued = mail.Queued;
        var number = mail.Attempts + 1;
        var purpose = queued.Kind == NotificationKinds.Welcome ? LoginLinkPurposes.Welcome : LoginLinkPurposes.Report;
        if (await links.IssueAsync(queued.Domain, queued.Email, purpose, cancellationToken) is not { } link)
        {
            await RecordAsync(mail, DeliveryDecisions.Deferred("no login link from auth in time", null, number, queued.QueuedAt, clock.GetUtcNow(), Options),
                cancellationToken);
            return true;
        }

        var content = queued.Report is { } report
            ? ReportMail.Render(queued, report, link.Url, link.ExpiresAt)
            : WelcomeMail.Render(queued, link.Url, link.ExpiresAt);
        var message = MailMessages.Build(queued.SenderName, queued.SenderAddress, queued.Email, content, queued.MessageId, clock.GetUtcNow());
        NotificationEvent outcome;
        await relayConnection.Turn.WaitAsync(cancellationToken);
        try
        {
            // The claim's lease may have run out while the mails before this one took long: then another lane may
            // have the mail now, and sending it here too would make a second copy.
            if (!await RenewLeaseAsync(mail, cancellationToken))
            {
                return false;
            }

            if (relayConnection.Connection is { IsBroken: true })
            {
                await relayConnection.DropAsync(); // closed by the relay after its last answer (a refused RSET)
            }

            relayConnection.Connection ??= await SmtpRelayConnection.OpenAsync(relay.Value, cancellationToken);
            mail.Submitting = true;
            var answer = await relayConnection.Connection.SendAsync(queued.SenderAddress, [queued.Email], message, cancellationToken);
            outcome = DeliveryDecisions.After(answer, number, queued.QueuedAt, clock.GetUtcNow(), Options);
        }
        catch (SmtpRelayUnavailableException e)
        {
            await relayConnection.DropAsync();
            LogRelayUnavailable(logger, e.Message);
            outcome = DeliveryDecisions.Deferred("relay unavailable: " + e.Message, null, number, queued.QueuedAt, clock.GetUtcNow(), Options);
        }
        finally
        {
            relayConnection.Turn.Release();
        }

        await RecordAsync(mail, outcome, cancellationToken);
        return true;
    }

    private async Task RecordAsync(ClaimedMail mail, NotificationEvent outcome, CancellationToken cancellationToken)
    {
        var queued = mail.Queued;
        var streamId = NotificationsProjection.StreamId(queued.Key);
        var at = clock.GetUtcNow();
        // The message id is the event id, as for every other message the platform publishes.
        var eventId = Guid.CreateVersion7();
        object? message = outcome switch
        {
            NotificationDelivered when queued.Report is { } report => new PeriodicReportSent
            {
                EventId = eventId, OccurredAt = at, Domain = queued.Domain, Email = queued.Email, ReportId = report.ReportId,
                MessageId = queued.MessageId,
            },
            NotificationDelivered => new WelcomeMessageSent
            {
                EventId = eventId, OccurredAt = at, Domain = queued.Domain, Email = queued.Email, MessageId = queued.MessageId,
            },
            NotificationAbandoned abandoned => new NotificationFailed
            {
                EventId = eventId, OccurredAt = at, Domain = queued.Domain, Email = queued.Email, Kind = queued.Kind,
                MessageId = queued.MessageId, Reason = abandoned.Reason, SmtpCode = abandoned.SmtpCode, Attempts = abandoned.Attempts,
            },
            _ => null,
        };
        try
        {
            // At the version claimed: of two lanes that both think they hold the mail, one records it. The outcomes of a
            // claim, recorded at once, commit together (group commit).
            await commits.SaveAsync(session =>
            {
                session.LastModifiedBy = "system:delivery";
                session.Events.Write(streamId, mail.Version, [outcome]);
                if (message is not null)
                {
                    session.Publish(message, eventId, streamId);
                }
            }, cancellationToken);
        }
        catch (Exception e) when (StoreErrors.IsConcurrencyConflict(e))
        {
            // Another replica took the mail over after our lease ran out, and recorded it first.
            LogLeaseLost(logger, queued.MessageId);
        }
    }

    /// <summary>
    /// Leases the next due mails to this lane. A leased mail's next attempt moves to the end of its lease — when it is
    /// due again should this lane die — so the due index holds only what is free to take and a claim does not step
    /// over the mails other lanes are sending.
    /// </summary>
    private async Task<List<ClaimedMail>> ClaimAsync(CancellationToken cancellationToken)
    {
        var schema = store.Options.DatabaseSchemaName;
        var now = clock.GetUtcNow();
        var owner = Guid.NewGuid();
        await using var command = data.CreateCommand($"""
            UPDATE {schema}.notifications n SET lease_until = $2, lease_owner = $4, next_attempt_at = $2
            FROM (SELECT key FROM {schema}.notifications
                  WHERE state IN ('queued', 'retrying') AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until < $1)
                  ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED) due
            WHERE n.key = due.key
            RETURNING n.payload::text, n.attempts, n.version
            """);
        var until = now + DeliveryDecisions.Lease(Options, relay.Value);
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = until });
        command.Parameters.Add(new NpgsqlParameter { Value = Options.BatchSize });
        command.Parameters.Add(new NpgsqlParameter { Value = owner });
        var claimed = new List<ClaimedMail>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedMail(
                JsonSerializer.Deserialize<NotificationQueued>(reader.GetString(0), NotificationsProjection.Json)!, reader.GetInt32(1), reader.GetInt64(2), owner)
            {
                LeasedUntil = until,
            });
        }

        return claimed;
    }

    /// <summary>Extends the mail's lease for one attempt, if it is still this claim's and unchanged; false when it is not.</summary>
    private async Task<bool> RenewLeaseAsync(ClaimedMail mail, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!DeliveryDecisions.MustRenew(now, mail.LeasedUntil, Options, relay.Value))
        {
            return true;
        }

        var until = now + DeliveryDecisions.Lease(Options, relay.Value);
        await using var command = data.CreateCommand($"""
            UPDATE {store.Options.DatabaseSchemaName}.notifications SET lease_until = $4, next_attempt_at = $4
            WHERE key = $1 AND lease_owner = $2 AND version = $3 AND lease_until > $5
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = mail.Queued.Key });
        command.Parameters.Add(new NpgsqlParameter { Value = mail.Owner });
        command.Parameters.Add(new NpgsqlParameter { Value = mail.Version });
        command.Parameters.Add(new NpgsqlParameter { Value = until });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            mail.LeasedUntil = until;
            return true;
        }

        LogLeaseLost(logger, mail.Queued.MessageId);
        return false;
    }

    private async Task ReleaseAsync(IEnumerable<ClaimedMail> mails)
    {
        var released = mails.ToList();
        if (released.Count == 0)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await using var command = data.CreateCommand(
                $"UPDATE {store.Options.DatabaseSchemaName}.notifications SET lease_until = NULL, next_attempt_at = $3 " +
                "WHERE key = ANY($1) AND lease_owner = $2 AND lease_until IS NOT NULL");
            command.Parameters.Add(new NpgsqlParameter { Value = released.Select(m => m.Queued.Key).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = released[0].Owner });
            command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
            await command.ExecuteNonQueryAsync(timeout.Token);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException)
        {
            // Their leases run out by themselves.
        }
    }

    /// <summary>A lane's relay connection, kept across its claims; one submission at a time.</summary>
    private sealed class LaneRelay : IAsyncDisposable
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public SmtpRelayConnection? Connection { get; set; }

        public async Task DropAsync()
        {
            if (Connection is not null)
            {
                await Connection.DisposeAsync();
                Connection = null;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await DropAsync();
            Turn.Dispose();
        }
    }

    private sealed record ClaimedMail(NotificationQueued Queued, int Attempts, long Version, Guid Owner)
    {
        /// <summary>Until when this lane holds the mail, as it last set it.</summary>
        public DateTimeOffset LeasedUntil { get; set; }

        /// <summary>Its content went to the relay in this attempt: from here on, whether it was delivered is not known until recorded.</summary>
        public bool Submitting { get; set; }
    }

    [LoggerMessage(LogLevel.Warning, "The mail relay is unavailable ({Reason}); the mail is tried again later")]
    private static partial void LogRelayUnavailable(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Information, "Mail {MessageId} was taken over by another replica (its lease ran out here)")]
    private static partial void LogLeaseLost(ILogger logger, string messageId);

    [LoggerMessage(LogLevel.Error, "A delivery lane failed; it goes on after a pause")]
    private static partial void LogLaneFailed(ILogger logger, Exception exception);
}
