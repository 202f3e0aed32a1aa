using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Contracts;
using Platform.Notifications.Tests.Welcome;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.Notifications.Tests.Delivery;

/// <summary>
/// Mail survives a relay that is gone and a service that restarts; a relay's refusal is final; a mail waiting in the
/// queue keeps the trace of the flow that queued it, which its delivery continues.
/// </summary>
public sealed class Delivering_durably
{
    [Fact]
    public async Task Keeps_mail_while_the_relay_is_down_across_a_restart_and_delivers_each_once_when_it_is_back()
    {
        var domain = Welcoming_users.Domain();
        var users = Enumerable.Range(0, 5).Select(i => $"user{i}@{domain}").ToList();
        await using var sink = await PrivateSmtpSink.StartAsync();
        await sink.StopAsync();
        await using var host = await NotificationsHost.StartAsync(service => service.With("Smtp:Port", $"{sink.Port}"));
        var bus = host.Service.Services.GetRequiredService<IBus>();
        foreach (var user in users)
        {
            await bus.Publish(Welcoming_users.FirstSpam(domain, user.Split('@')[0]));
        }

        using var admin = host.Service.CreateClient().As(PlatformTokenRequest.DomainAdmin($"admin@{domain}", domain));
        var waiting = await Eventually.Get(() => StatesAsync(admin, domain, users), s => s.All(n => n?["state"]?.GetValue<string>() == "retrying"),
            TimeSpan.FromSeconds(30));
        Assert.All(waiting, n => Assert.StartsWith("relay unavailable: connect", n!["lastError"]!.GetValue<string>(), StringComparison.Ordinal));

        // The service goes away while the relay is still down; a new instance on the same database takes over.
        await using var restarted = await host.ReplicaAsync(service => service.With("Smtp:Port", $"{sink.Port}"));
        await host.Service.StopServiceAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await sink.StartAgainAsync();

        foreach (var user in users)
        {
            var mail = await Welcoming_users.OneMailAsync(user, sink.MailDir);
            Assert.Equal("Your spam quarantine is active", mail.Subject);
        }

        using var restartedAdmin = restarted.CreateClient().As(PlatformTokenRequest.DomainAdmin($"admin@{domain}", domain));
        var sent = await StatesAsync(restartedAdmin, domain, users);
        Assert.All(sent, n => Assert.Equal("sent", n!["state"]!.GetValue<string>()));
        Assert.All(sent, n => Assert.True(n!["attempts"]!.GetValue<int>() >= 2));
        Assert.Equal(5, (await host.OutboxAsync(nameof(WelcomeMessageSent))).Count);
    }

    [Fact]
    public async Task Shows_a_mail_as_sending_while_a_silent_relay_holds_it_then_retries_after_the_timeout()
    {
        var domain = Welcoming_users.Domain();
        // A relay that accepts the connection and never greets.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new ConcurrentBag<Socket>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                held.Add(await silent.AcceptSocketAsync());
            }
        });
        await using var host = await NotificationsHost.StartAsync(service => service
            .With("Smtp:Port", $"{((IPEndPoint)silent.LocalEndpoint).Port}").With("Smtp:CommandTimeout", "00:00:04")
            .With("Notifications:Delivery:InitialBackoff", "00:10:00").With("Notifications:Delivery:MaxBackoff", "00:20:00"));
        await host.Service.Services.GetRequiredService<IBus>().Publish(Welcoming_users.FirstSpam(domain, "sam"));
        using var admin = host.Service.CreateClient().As(PlatformTokenRequest.DomainAdmin($"admin@{domain}", domain));

        var sending = await Eventually.Get(() => StatesAsync(admin, domain, [$"sam@{domain}"]), s => s[0]?["state"]?.GetValue<string>() is "sending" or "retrying",
            TimeSpan.FromSeconds(30));
        var retrying = await Eventually.Get(() => StatesAsync(admin, domain, [$"sam@{domain}"]), s => s[0]?["state"]?.GetValue<string>() == "retrying",
            TimeSpan.FromSeconds(30));

        Assert.Equal("sending", sending[0]!["state"]!.GetValue<string>());
        Assert.Equal(("relay unavailable: greeting: no answer in time", 1), (retrying[0]!["lastError"]!.GetValue<string>(), retrying[0]!["attempts"]!.GetValue<int>()));
        Assert.True(retrying[0]!["nextAttemptAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddMinutes(9));
        foreach (var socket in held)
        {
            socket.Dispose();
        }
    }

    [Fact]
    public async Task Fails_a_mail_the_relay_refuses_for_good_at_once_and_says_why()
    {
        var domain = Welcoming_users.Domain();
        var mailboxes = Path.Combine(Infrastructure.Get("Smtp:MailboxDir"), domain);
        await File.WriteAllTextAsync(mailboxes, "# nobody here\n");
        try
        {
            await using var host = await NotificationsHost.StartAsync();
            var bus = host.Service.Services.GetRequiredService<IBus>();
            await bus.Publish(Welcoming_users.FirstSpam(domain, "ghost"));

            var failed = await Eventually.Get(() => host.OutboxAsync(nameof(NotificationFailed)), m => m.Count > 0, TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(1)); // no retry follows

            var failure = Assert.Single(failed);
            Assert.Equal((NotificationKinds.Welcome, 550, 1), (failure["kind"]!.GetValue<string>(), failure["smtpCode"]!.GetValue<int>(), failure["attempts"]!.GetValue<int>()));
            Assert.Contains("User unknown", failure["reason"]!.GetValue<string>(), StringComparison.Ordinal);
            using var admin = host.Service.CreateClient().As(PlatformTokenRequest.DomainAdmin($"admin@{domain}", domain));
            var state = (await StatesAsync(admin, domain, [$"ghost@{domain}"]))[0]!;
            Assert.Equal(("failed", 1), (state["state"]!.GetValue<string>(), state["attempts"]!.GetValue<int>()));
            Assert.Empty(await host.OutboxAsync(nameof(WelcomeMessageSent)));
        }
        finally
        {
            File.Delete(mailboxes);
        }
    }

    [Fact]
    public async Task Asks_auth_for_the_link_and_announces_the_welcome_in_the_trace_of_the_first_spam()
    {
        var domain = Welcoming_users.Domain();
        await using var host = await NotificationsHost.StartAsync();
        var bus = host.Service.Services.GetRequiredService<IBus>();

        ActivityTraceId flow;
        // Sampled, as a caller's trace context is: MassTransit's spans (sampled by their parent) carry it on.
        using (var firstSpam = new Activity("first spam") { ActivityTraceFlags = ActivityTraceFlags.Recorded }.SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            flow = firstSpam.TraceId;
            await bus.Publish(Welcoming_users.FirstSpam(domain, "tara"));
        }

        await Welcoming_users.OneMailAsync($"tara@{domain}");
        var sent = await Eventually.Get(
            () => OutboxMessages.TraceParentsAsync(host.Service.ConnectionString, "notifications", nameof(WelcomeMessageSent)), t => t.Count > 0);
        using var admin = host.Service.CreateClient().As(PlatformTokenRequest.DomainAdmin($"admin@{domain}", domain));
        var history = (await admin.GetFromJsonAsync<JsonNode>($"/v1/domains/{domain}/users/tara@{domain}/notifications"))!;

        Assert.StartsWith($"00-{flow.ToHexString()}-", Assert.Single(sent), StringComparison.Ordinal);
        Assert.Equal([flow.ToHexString()], await LinkTracesAsync(host.Auth.ConnectionString));
        Assert.Equal(flow.ToHexString(), history["notifications"]![0]!["traceId"]!.GetValue<string>());
    }

    private static async Task<List<JsonNode?>> StatesAsync(HttpClient admin, string domain, IEnumerable<string> users)
    {
        var states = new List<JsonNode?>();
        foreach (var user in users)
        {
            var list = await admin.GetFromJsonAsync<JsonNode>($"/v1/domains/{domain}/users/{user}/notifications");
            states.Add(list!["notifications"]!.AsArray().FirstOrDefault());
        }

        return states;
    }

    /// <summary>The trace ids auth recorded its login links in (it answers the delivery's request within its trace).</summary>
    /// <remarks>Auth's events are in Marten's table once auth is on Marten, in its own store's before (issue 18 moves them).</remarks>
    private static async Task<List<string>> LinkTracesAsync(string authConnectionString)
    {
        await using var data = NpgsqlDataSource.Create(authConnectionString);
        await using var marten = data.CreateCommand("SELECT to_regclass('auth.mt_events') IS NOT NULL");
        await using var command = data.CreateCommand((bool)(await marten.ExecuteScalarAsync())!
            ? "SELECT headers->>'traceparent' FROM auth.mt_events WHERE stream_id LIKE 'link/%' ORDER BY seq_id"
            : "SELECT metadata->>'traceParent' FROM auth.events WHERE stream_id LIKE 'link/%' ORDER BY seq");
        var traces = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            traces.Add(reader.IsDBNull(0) ? "(none)" : reader.GetString(0).Split('-')[1]);
        }

        return traces;
    }
}
