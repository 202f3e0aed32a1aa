using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Platform.Contracts;
using Platform.Testing;

namespace Platform.Demo.Story;

public sealed partial class PlatformStory
{
    public const string WelcomeSubject = "Your spam quarantine is active";

    private async Task QuarantinesFirstSpamAsync(string admin)
    {
        var flow = Begin(Flows.FirstSpam);
        _mailsBefore = MailFiles();
        var quarantineId = _facts.QuarantineId = "demo-" + Guid.NewGuid().ToString("N")[..10];
        var spam = RawRabbitMq.SpamQuarantined(cast.Domain, _facts.User, quarantineId);
        // As a filter in any language would: raw JSON in MassTransit's envelope, its trace context in MT-Activity-Id.
        await RawRabbitMq.PublishAsync(cast.VirtualHost, nameof(SpamQuarantined), Guid.NewGuid(), spam,
            new JsonObject { ["MT-Activity-Id"] = flow.TraceParent });
        Say($"the filter published SpamQuarantined {quarantineId} as raw JSON on RabbitMQ (virtual host {cast.VirtualHost}): \"{spam["subject"]}\"");

        var report = await AwaitAsync($"{_facts.User}'s enrollment in the report",
            () => _http.GetAsync(Domain(endpoints.Reporting, $"/users/{_facts.User}/report"), admin), a => a.Ok);
        _facts.EnrolledBy = report.Json["enrolledBy"]!.GetValue<string>();
        Say($"reporting: FirstSpamDetected published; enrolled in the {report.Json["frequency"]} report (by {_facts.EnrolledBy}) at {report.Json["enrolledAt"]}");
        Traced(flow);
    }

    /// <summary>Waits for the welcome mail at the SMTP sink; its login link (never narrated).</summary>
    private async Task<string> WelcomeArrivesAsync(string admin)
    {
        _facts.Welcome = await MailAsync($"the welcome mail to {_facts.User}", m => m.Subject == WelcomeSubject);
        var link = LoginLink().Match(_facts.Welcome.Text);
        if (!link.Success)
        {
            throw new StoryException("The welcome mail carries no login link.");
        }

        Say($"welcome mail at the SMTP sink: \"{_facts.Welcome.Subject}\" from {_facts.Welcome.Headers.GetValueOrDefault("From")}, "
            + $"Message-ID {_facts.Welcome.MessageId}, with a one-time login link to {link.Groups["base"].Value}");
        _facts.WelcomeTraceId = await NotificationTraceAsync(admin, NotificationKinds.Welcome);
        Say($"notifications' history: welcome sent, trace {_facts.WelcomeTraceId} (reporting → notifications → auth's login link)");
        return link.Groups["token"].Value;
    }

    /// <summary>A mail to the user that arrived after <see cref="_mailsBefore"/> was taken (a sink may keep older ones).</summary>
    private async Task<SinkMail> MailAsync(string what, Func<SinkMail, bool> wanted)
    {
        bool New(SinkMail mail) => wanted(mail) && !_mailsBefore.Contains(mail.File);
        var mails = await AwaitAsync(what, () => Task.FromResult(SinkMail.To(_facts.User, cast.MailDir)), m => m.Any(New));
        return mails.Last(New);
    }

    private HashSet<string> MailFiles() => [.. SinkMail.To(_facts.User, cast.MailDir).Select(m => m.File)];

    private async Task<string?> NotificationTraceAsync(string admin, string kind)
    {
        var history = await AwaitAsync($"the {kind} in notifications' history",
            () => _http.GetAsync(Domain(endpoints.Notifications, $"/users/{_facts.User}/notifications"), admin),
            a => a.Ok && a.Json["notifications"]!.AsArray().Any(n => n!["kind"]!.GetValue<string>() == kind && n["state"]!.GetValue<string>() == "sent"));
        return history.Json["notifications"]!.AsArray().First(n => n!["kind"]!.GetValue<string>() == kind)!["traceId"]?.GetValue<string>();
    }

    [GeneratedRegex(@"(?<base>https?://[^\s?""<>]+)\?token=(?<token>[A-Za-z0-9_\-]+)")]
    private static partial Regex LoginLink();
}
