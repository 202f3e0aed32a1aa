using Platform.Contracts;

namespace Platform.Demo.Story;

public sealed partial class PlatformStory
{
    private async Task ReportArrivesAsync(string admin)
    {
        var report = await AwaitAsync($"{_facts.User}'s next report time",
            () => _http.GetAsync(Domain(endpoints.Reporting, $"/users/{_facts.User}/report"), admin), a => a.Ok && a.Json["nextReportDueAt"] is not null);
        var due = report.Json["nextReportDueAt"]!.GetValue<DateTimeOffset>();
        Say($"reporting: the {report.Json["frequency"]} report is due at {due:u} (its clock)");

        _mailsBefore = MailFiles();
        var clock = new Uri(endpoints.Reporting, "/test/clock");
        var now = await _http.SendAsync(HttpMethod.Get, clock, null);
        if (!now.Ok)
        {
            throw new StoryException($"Reporting's test clock is off ({(int)now.Status}): start the services in Development with "
                + "Platform__TestClock__Enabled=true (./platform up does), or wait until the report is due.");
        }

        if (now.Json["now"]!.GetValue<DateTimeOffset>() < due)
        {
            var moved = (await _http.SendAsync(HttpMethod.Post, clock, null, body: new { advanceTo = due.AddSeconds(1) })).Expect("moving reporting's clock");
            Say($"reporting's test clock moved to {moved.Json["now"]!.GetValue<DateTimeOffset>():u} (the period is over; the report goes out at the scheduler's next look)");
        }

        _facts.Report = await MailAsync($"the report mail to {_facts.User}", m => m.Subject.StartsWith("Spam quarantine:", StringComparison.Ordinal));
        Say($"report mail at the SMTP sink: \"{_facts.Report.Subject}\", Message-ID {_facts.Report.MessageId}");
        _facts.ReportTraceId = await NotificationTraceAsync(admin, NotificationKinds.Report);
        Say($"notifications' history: report sent, trace {_facts.ReportTraceId} (reporting's scheduler → notifications → auth's login link)");
    }
}
