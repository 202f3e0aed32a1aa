using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.Notifications.Tests.Welcome;

/// <summary>Welcome messages through the real RabbitMQ, PostgreSQL, SMTP sink, and auth for the login links.</summary>
public sealed partial class Welcoming_users
{
    [Fact]
    public async Task Sends_one_welcome_with_a_working_login_link_for_a_first_spam_delivered_three_times_to_two_replicas()
    {
        var domain = Domain();
        await using var host = await NotificationsHost.StartAsync();
        await using var replica = await host.ReplicaAsync();
        var spam = FirstSpam(domain, "anna");

        var buses = new[] { host.Service, replica }.Select(h => h.Services.GetRequiredService<IBus>()).ToArray();
        await Task.WhenAll(
            buses[0].Publish(spam, c => c.MessageId = spam.EventId),
            buses[1].Publish(spam, c => c.MessageId = spam.EventId),
            buses[0].Publish(spam with { EventId = Guid.NewGuid() }));

        var mail = await OneMailAsync($"anna@{domain}");
        Assert.Equal(("Your spam quarantine is active", "Spam Quarantine <quarantine@platform.invalid>"), (mail.Subject, mail.Headers["From"]));
        var sent = Assert.Single(await host.OutboxAsync(nameof(WelcomeMessageSent)));
        Assert.Equal(mail.MessageId, sent["messageId"]!.GetValue<string>());

        // The link logs the user in, once.
        var token = LinkToken().Match(mail.Text).Groups[1].Value;
        using var auth = host.Auth.CreateClient();
        var login = await auth.PostAsJsonAsync("/v1/login/link", new { token });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.NotNull((await login.Content.ReadFromJsonAsync<JsonNode>())!["accessToken"]);
        var again = await auth.PostAsJsonAsync("/v1/login/link", new { token });
        Assert.Equal("link_used", (await again.Content.ReadFromJsonAsync<JsonNode>())!["code"]!.GetValue<string>());

        // The link is in the mail only: not in the service's events, its outbox or its API.
        using var admin = host.Service.CreateClient().As(PlatformTokenRequest.DomainAdmin($"admin@{domain}", domain));
        var history = await admin.GetStringAsync($"/v1/domains/{domain}/users/anna@{domain}/notifications");
        Assert.DoesNotContain(token, history, StringComparison.Ordinal);
        Assert.Equal("sent", JsonNode.Parse(history)!["notifications"]![0]!["state"]!.GetValue<string>());
        Assert.Equal(0, await host.Service.CountTextAsync("notifications", token));
    }

    [Fact]
    public async Task Welcomes_nobody_where_welcomes_are_off_and_directory_users_only_where_logins_are_created_automatically()
    {
        var (off, automatic) = (Domain(), Domain());
        await using var host = await NotificationsHost.StartAsync();
        using var admin = host.Service.CreateClient().As(PlatformTokenRequest.PlatformAdmin("ops@platform.test"));
        (await admin.PutAsJsonAsync($"/v1/domains/{off}/notifications", new { welcomeEnabled = false })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/v1/domains/{automatic}/notifications", new
        {
            welcomeDirectoryUsers = true, language = "de", senderName = "Beispiel GmbH", senderAddress = $"quarantaene@{automatic}",
        })).EnsureSuccessStatusCode();
        var bus = host.Service.Services.GetRequiredService<IBus>();

        await bus.Publish(FirstSpam(off, "otto"));
        await bus.Publish(Discovered(off, "olga", UserSources.Directory));
        var directory = Discovered(automatic, "dora", UserSources.Directory);
        await bus.Publish(directory, c => c.MessageId = directory.EventId);
        await bus.Publish(directory, c => c.MessageId = directory.EventId);
        await bus.Publish(Discovered(automatic, "lena", UserSources.Login)); // welcomed at her first spam, not now

        var mail = await OneMailAsync($"dora@{automatic}");
        Assert.Equal(("Ihre Spam-Quarantäne ist aktiv", $"Beispiel GmbH <quarantaene@{automatic}>"), (mail.Subject, mail.Headers["From"]));
        Assert.Contains("Guten Tag", mail.Text, StringComparison.Ordinal);
        await bus.Publish(FirstSpam(automatic, "dora")); // already welcomed
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Single(SinkMail.To($"dora@{automatic}"));
        Assert.Empty(SinkMail.To($"otto@{off}"));
        Assert.Empty(SinkMail.To($"olga@{off}"));
        Assert.Empty(SinkMail.To($"lena@{automatic}"));
        Assert.Single(await host.OutboxAsync(nameof(WelcomeMessageSent)));
    }

    [Fact]
    public async Task Refuses_settings_it_cannot_use_and_shows_a_users_mail_only_to_them_and_their_admins()
    {
        var domain = Domain();
        await using var host = await NotificationsHost.StartAsync();
        using var admin = host.Service.CreateClient().As(PlatformTokenRequest.DomainAdmin($"admin@{domain}", domain));
        using var stranger = host.Service.CreateClient().As(PlatformTokenRequest.EmailUser($"eve@{domain}", $"eve@{domain}"));
        using var anna = host.Service.CreateClient().As(PlatformTokenRequest.EmailUser($"anna@{domain}", $"anna@{domain}"));

        var invalid = await admin.PutAsJsonAsync($"/v1/domains/{domain}/notifications", new { senderAddress = "not an address", language = "fr" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problem = (await invalid.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal("invalid_notification_settings", problem["code"]!.GetValue<string>());
        Assert.Equal([("language", "invalid_language"), ("senderAddress", "invalid_sender_address")], ProblemFieldCodes.Of(problem));
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/v1/domains/{domain}/users/anna@{domain}/notifications")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await anna.GetAsync($"/v1/domains/{domain}/notifications")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anna.GetAsync($"/v1/domains/{domain}/users/Anna@{domain}/notifications")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Service.CreateClient().GetAsync($"/v1/domains/{domain}/users/anna@{domain}/notifications")).StatusCode);

        // A platform admin may name any domain; what is not a domain name is refused, not a 500.
        using var platform = host.Service.CreateClient().As(PlatformTokenRequest.PlatformAdmin("ops@platform.test"));
        foreach (var response in new[] { await platform.GetAsync("/v1/domains/not_a..domain/notifications"),
                     await platform.PutAsJsonAsync("/v1/domains/not_a..domain/notifications", new { welcomeEnabled = false }) })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("invalid_domain", (await response.Content.ReadFromJsonAsync<JsonNode>())!["code"]!.GetValue<string>());
        }
    }

    internal static string Domain() => $"n{Guid.NewGuid():N}"[..12] + ".example";

    internal static FirstSpamDetected FirstSpam(string domain, string user) => new()
    {
        EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, Domain = domain, Email = $"{user}@{domain}", QuarantineId = "q-" + user,
    };

    private static UserDiscovered Discovered(string domain, string user, string source) => new()
    {
        EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, Domain = domain, Email = $"{user}@{domain}", Source = source,
    };

    /// <summary>Waits for the mail, then a little longer to see that no second one follows.</summary>
    internal static async Task<SinkMail> OneMailAsync(string recipient, string? mailDir = null)
    {
        await Eventually.Get(() => Task.FromResult(SinkMail.To(recipient, mailDir).Count), n => n > 0, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        return Assert.Single(SinkMail.To(recipient, mailDir));
    }

    [GeneratedRegex(@"token=([A-Za-z0-9_\-]+)")]
    private static partial Regex LinkToken();
}
