using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Platform.Demo.Story;
using Platform.Testing;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The platform's story across the four services running as processes, through their public APIs only: the same
/// story <c>./platform demo</c> plays, here on a domain and directory subtree of the test's own.
/// </summary>
public sealed class Playing_the_story(ITestOutputHelper output)
{
    private const string Auth = "auth";
    private const string DirectorySync = "directory-sync";
    private const string Notifications = "notifications";
    private const string Reporting = "reporting";

    [Fact]
    public async Task Takes_a_directory_user_from_sync_to_first_spam_welcome_logins_deactivation_and_report_in_one_trace_per_flow()
    {
        var domain = $"e2e-{Guid.NewGuid():N}"[..12] + ".example";
        var password = "directory password " + Guid.NewGuid().ToString("N")[..8];
        await using var ldap = await LdapSubtree.CreateAsync();
        await ldap.AddUserAsync("mia", $"mia@{domain}", disabled: false, password: password);
        await ldap.AddUserAsync("noah", $"noah@{domain}", disabled: false, password: password);
        await ldap.AddUserAsync("olga", $"olga@{domain}", disabled: true, password: password);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await using var platform = await RunningPlatform.StartAsync();
        var cast = new StoryCast(domain, ldap.Settings(), Infrastructure.Get("Auth:Admin:Email"), Infrastructure.Get("Auth:Admin:Password"),
            password, platform.Bus.Name, platform.Sink.MailDir);
        var transcript = new ConcurrentQueue<string>();
        void Narrate(string line)
        {
            transcript.Enqueue(line);
            output.WriteLine(line.Length == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds,6:0.0}s {line}"));
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        Narrate($"the four services are ready on ports {string.Join(", ", platform.Services.Select(p => $"{p.Value.Port} ({p.Key})"))}");

        var facts = await PlayAsync(new PlatformStory(platform.Endpoints, cast, Narrate, http) { Patience = TimeSpan.FromSeconds(60) },
            $"mia@{domain}", transcript, platform);

        // The admin's sync: every user read, the enabled ones in the managed list.
        Assert.Equal("platform-admin", facts.Admin!.Role);
        Assert.Equal(("completed", 3, 3), (facts.Sync!.Status, facts.Sync.Users, facts.Sync.Added));
        Assert.Equal([$"mia@{domain}", $"noah@{domain}"], facts.Discovered.Order(StringComparer.Ordinal));
        // The first spam: enrollment and one welcome with a link, to her alone.
        Assert.Equal("firstSpam", facts.EnrolledBy);
        Assert.Single(SinkMail.To($"mia@{domain}", platform.Sink.MailDir), m => m.Subject == PlatformStory.WelcomeSubject);
        Assert.Empty(SinkMail.To($"noah@{domain}", platform.Sink.MailDir));
        Assert.Equal(HttpStatusCode.OK, facts.LinkLogin!.Status);
        Assert.Equal(["link"], facts.LinkLogin.Claims!.Methods);
        // The second factor, then a login with directory password and code, which the managed list shows.
        Assert.Equal(10, facts.RecoveryCodes);
        Assert.Equal((HttpStatusCode.Unauthorized, "mfa_required"), (facts.LoginWithoutCode!.Status, facts.LoginWithoutCode.Code));
        Assert.Equal(HttpStatusCode.OK, facts.LoginWithCode!.Status);
        Assert.Equal(["pwd", "otp"], facts.LoginWithCode.Claims!.Methods);
        Assert.Equal("directory", facts.ListedSource);
        Assert.InRange(facts.LastLogin!.Value, started, DateTimeOffset.UtcNow);
        // Deactivated: the next login is refused although password and code are right.
        Assert.Equal("inactive", facts.StatusAfterDeactivation);
        Assert.Equal((HttpStatusCode.Forbidden, "inactive"), (facts.LoginAfterDeactivation!.Status, facts.LoginAfterDeactivation.Code));
        // The period passed on reporting's clock: the report lists the quarantined message.
        Assert.Equal("Spam quarantine: 1 new message(s)", facts.Report!.Subject);
        Assert.Contains("Prize for " + facts.QuarantineId, facts.Report.Text, StringComparison.Ordinal);

        await AssertOneTracePerFlowAsync(platform.Otlp, facts);
        AssertNoSecretIn(string.Join('\n', transcript) + platform.Logs(int.MaxValue), password, ldap.ServicePassword, Infrastructure.Get("Auth:Admin:Password"));
    }

    private static async Task AssertOneTracePerFlowAsync(OtlpReceiver otlp, StoryFacts facts)
    {
        // The sync runs later, in the scheduler, and every service consumes the users it discovers.
        await AssertTraceSpansAsync(otlp, facts.Traces[Flows.Sync], DirectorySync, Auth, Reporting, Notifications);
        // The filter's message: reporting's first spam → notifications' welcome, delivered later by a lane → auth's link.
        Assert.Equal(facts.Traces[Flows.FirstSpam], facts.WelcomeTraceId);
        await AssertTraceSpansAsync(otlp, facts.WelcomeTraceId, Reporting, Notifications, Auth, DirectorySync);
        await AssertTraceSpansAsync(otlp, facts.Traces[Flows.LinkLogin], Auth, DirectorySync);
        await AssertTraceSpansAsync(otlp, facts.Traces[Flows.SecondFactor], Auth);
        await AssertTraceSpansAsync(otlp, facts.Traces[Flows.Login], Auth, DirectorySync);
        await AssertTraceSpansAsync(otlp, facts.Traces[Flows.Deactivation], DirectorySync, Auth);
        await AssertTraceSpansAsync(otlp, facts.Traces[Flows.RefusedLogin], Auth);
        // The report: reporting's scheduler → notifications → auth's link for the report mail.
        await AssertTraceSpansAsync(otlp, facts.ReportTraceId, Reporting, Notifications, Auth);
        // Each flow is a trace of its own.
        Assert.Equal(facts.Traces.Count + 1, facts.Traces.Values.Append(facts.ReportTraceId).Distinct().Count());
    }

    private static async Task AssertTraceSpansAsync(OtlpReceiver otlp, string? traceId, params string[] services)
    {
        Assert.NotNull(traceId);
        var seen = await otlp.ServicesInAsync(traceId, services);
        Assert.True(seen.IsSupersetOf(services),
            $"Trace {traceId} has spans of [{string.Join(", ", seen.Order(StringComparer.Ordinal))}], not of every one of [{string.Join(", ", services)}].");
    }

    private static void AssertNoSecretIn(string text, params string[] secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), "A password appears in the transcript or a service's log.");
        }

        Assert.DoesNotContain("token=", text, StringComparison.Ordinal);
    }

    /// <summary>Plays the story; when a step fails, the failure carries the transcript and the services' last log lines.</summary>
    private static async Task<StoryFacts> PlayAsync(PlatformStory story, string user, ConcurrentQueue<string> transcript, RunningPlatform platform)
    {
        try
        {
            return await story.PlayAsync(user);
        }
        catch (StoryException e)
        {
            throw new XunitException($"{e.Message}\n\nTranscript:\n{string.Join('\n', transcript)}\n\nServices:\n{platform.Logs()}");
        }
    }
}
