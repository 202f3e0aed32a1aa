using Platform.Contracts;
using Platform.Testing;
using Xunit;

namespace Platform.Reporting.Tests.Quarantine;

/// <summary>The filtering engine publishes raw JSON (it is not .NET): reporting records it, once, or says why not.</summary>
public sealed class Recording_spam_from_the_filter : IAsyncLifetime
{
    private readonly ServiceHost<Program> _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Records_a_raw_json_message_once_and_detects_and_enrolls_its_new_recipient_once()
    {
        await _host.WaitUntilReadyAsync();
        var id = Guid.NewGuid();
        var first = ReportingHost.Spam("raw.example", "Nina@Raw.example", "q-1");

        await RawRabbitMq.PublishAsync(_host.VirtualHost, nameof(SpamQuarantined), id, first);
        await RawRabbitMq.PublishAsync(_host.VirtualHost, nameof(SpamQuarantined), id, first.DeepClone().AsObject());
        await RawRabbitMq.PublishAsync(_host.VirtualHost, nameof(SpamQuarantined), Guid.NewGuid(), ReportingHost.Spam("raw.example", "nina@raw.example", "q-2"));
        // The filter reporting q-2 again under another message id: still one entry.
        await RawRabbitMq.PublishAsync(_host.VirtualHost, nameof(SpamQuarantined), Guid.NewGuid(), ReportingHost.Spam("raw.example", "nina@raw.example", "q-2"));

        await Eventually.Get(() => Entries("nina@raw.example"), n => n == 2, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1)); // room for a duplicate

        var detected = Assert.Single(await _host.OutboxAsync(nameof(FirstSpamDetected)));
        Assert.Equal(("raw.example", "nina@raw.example"), (detected["domain"]!.GetValue<string>(), detected["email"]!.GetValue<string>()));
        Assert.Contains(detected["quarantineId"]!.GetValue<string>(), new[] { "q-1", "q-2" }); // consumed concurrently: either may be first
        var enrolled = Assert.Single(await _host.OutboxAsync(nameof(ReportEnrolled)));
        Assert.Equal(("nina@raw.example", ReportFrequencies.Daily, 6, "UTC", ReportEnrollmentReasons.FirstSpam),
            (enrolled["email"]!.GetValue<string>(), enrolled["frequency"]!.GetValue<string>(), enrolled["reportHour"]!.GetValue<int>(),
                enrolled["timeZone"]!.GetValue<string>(), enrolled["reason"]!.GetValue<string>()));
        Assert.Equal(2, await Entries("nina@raw.example"));
    }

    [Fact]
    public async Task Sends_a_message_it_cannot_record_to_the_error_queue_with_its_reason_and_keeps_the_valid_ones()
    {
        await _host.WaitUntilReadyAsync();
        var foreign = ReportingHost.Spam("bad.example", "someone@elsewhere.example", "q-bad-1");
        var noScore = ReportingHost.Spam("bad.example", "omar@bad.example", "q-bad-2");
        noScore.Remove("score");
        var hamScore = ReportingHost.Spam("bad.example", "omar@bad.example", "q-bad-3");
        hamScore["score"] = -2.5;

        await RawRabbitMq.PublishAsync(_host.VirtualHost, nameof(SpamQuarantined), Guid.NewGuid(), foreign);
        await RawRabbitMq.PublishAsync(_host.VirtualHost, nameof(SpamQuarantined), Guid.NewGuid(), noScore);
        await RawRabbitMq.PublishAsync(_host.VirtualHost, nameof(SpamQuarantined), Guid.NewGuid(), hamScore);
        await RawRabbitMq.PublishAsync(_host.VirtualHost, nameof(SpamQuarantined), Guid.NewGuid(), ReportingHost.Spam("bad.example", "omar@bad.example", "q-good"));

        var failed = await Eventually.Get(
            () => RawRabbitMq.PeekAsync(_host.VirtualHost, "reporting-spam-quarantined_error"), m => m.Count >= 3, TimeSpan.FromSeconds(30));
        var reasons = failed.Select(m => m["properties"]!["headers"]!["MT-Fault-Message"]!.GetValue<string>()).ToList();
        Assert.Equal(3, reasons.Count);
        Assert.Contains(reasons, r => r.Contains("someone@elsewhere.example", StringComparison.Ordinal) && r.Contains("not in bad.example", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("score", StringComparison.Ordinal) && !r.Contains("-2.5", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("score must be a finite number of at least 0 (got -2.5)", StringComparison.Ordinal));
        // Refused at once: no retries for a message that cannot become valid.
        Assert.All(failed, m => Assert.Null(m["properties"]!["headers"]!["MT-Fault-RetryCount"]));
        Assert.Equal(1, await Entries("omar@bad.example"));
    }

    [Fact]
    public async Task Detects_the_first_spam_once_when_many_messages_for_a_new_recipient_arrive_at_two_replicas_at_once()
    {
        await using var second = await ServiceHost<Program>.CreateAsync();
        second.With("ConnectionStrings:Postgres", _host.ConnectionString).With("RabbitMq:VirtualHost", _host.VirtualHost);
        await _host.WaitUntilReadyAsync();
        await second.WaitUntilReadyAsync();

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            RawRabbitMq.PublishAsync(_host.VirtualHost, nameof(SpamQuarantined), Guid.NewGuid(), ReportingHost.Spam("race.example", "rita@race.example", $"q-{i}"))));

        await Eventually.Get(() => Entries("rita@race.example"), n => n == 30, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(await _host.OutboxAsync(nameof(FirstSpamDetected)));
        Assert.Single(await _host.OutboxAsync(nameof(ReportEnrolled)));
    }

    private Task<long> Entries(string email) =>
        _host.CountAsync("SELECT count(*) FROM reporting.quarantine_entries WHERE email = $1", email);
}
