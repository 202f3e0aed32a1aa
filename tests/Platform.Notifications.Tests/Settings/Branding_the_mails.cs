using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Notifications.Delivery;
using Platform.Notifications.Settings;
using Platform.Notifications.Tests.Welcome;
using Platform.Notifications.Welcome;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.Notifications.Tests.Settings;

/// <summary>A domain's branding (organisation, footer, accent colour) through the settings API into the welcome mail.</summary>
public sealed class Branding_the_mails
{
    [Fact]
    public async Task Saves_the_branding_reads_it_back_and_welcomes_with_it()
    {
        var domain = Welcoming_users.Domain();
        await using var host = await NotificationsHost.StartAsync();
        using var admin = host.Service.CreateClient().As(PlatformTokenRequest.DomainAdmin($"admin@{domain}", domain));

        var saved = await admin.PutAsJsonAsync($"/v1/domains/{domain}/notifications", new
        {
            organisationName = "Müller & Söhne", footer = "Müller & Söhne KG, Hauptstraße 1\r\n<script>alert(1)</script>", accentColor = "#1A5FB4",
        });
        var read = (await admin.GetFromJsonAsync<JsonNode>($"/v1/domains/{domain}/notifications"))!["settings"]!;
        await host.Service.Services.GetRequiredService<IBus>().Publish(Welcoming_users.FirstSpam(domain, "anna"));
        var mail = await Welcoming_users.OneMailAsync($"anna@{domain}");

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(("Müller & Söhne", "Müller & Söhne KG, Hauptstraße 1\n<script>alert(1)</script>", "#1a5fb4"),
            (read["organisationName"]!.GetValue<string>(), read["footer"]!.GetValue<string>(), read["accentColor"]!.GetValue<string>()));
        Assert.Equal("Your spam quarantine at Müller & Söhne is active", mail.Subject);
        Assert.Equal("Spam Quarantine <quarantine@platform.invalid>", mail.Headers["From"]);
        Assert.Contains("Müller & Söhne KG, Hauptstraße 1\r\n<script>alert(1)</script>", mail.Text, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", mail.Html, StringComparison.Ordinal);
        Assert.Contains("color: #1a5fb4", mail.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_invalid_branding_with_a_code_per_field_and_saves_nothing()
    {
        var domain = Welcoming_users.Domain();
        await using var host = await NotificationsHost.StartAsync();
        using var admin = host.Service.CreateClient().As(PlatformTokenRequest.DomainAdmin($"admin@{domain}", domain));

        var response = await admin.PutAsJsonAsync($"/v1/domains/{domain}/notifications", new
        {
            organisationName = "Evil\r\nBcc: victim@example.com", footer = new string('x', 501), accentColor = "red",
        });
        var problem = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        var current = (await admin.GetFromJsonAsync<JsonNode>($"/v1/domains/{domain}/notifications"))!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_notification_settings", problem["code"]!.GetValue<string>());
        Assert.Equal(
            [("accentColor", "invalid_accent_color"), ("footer", "footer_too_long"), ("organisationName", "invalid_organisation_name")],
            ProblemFieldCodes.Of(problem));
        Assert.False(current["saved"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Loads_settings_and_queued_mails_stored_before_branding_existed_as_unbranded()
    {
        await using var host = await NotificationsHost.StartAsync();
        var serializer = host.Service.Services.GetRequiredService<IDocumentStore>().Options.Serializer();
        const string OldSettings = """
            {"domain":"old.example","settings":{"welcomeEnabled":true,"welcomeDirectoryUsers":false,"senderName":"Old",
             "senderAddress":"q@old.example","language":"de"},"actor":"admin@old.example","at":"2026-11-24T06:00:00+00:00"}
            """;
        const string OldQueued = """
            {"key":"welcome/old.example/anna@old.example","kind":"welcome","domain":"old.example","email":"anna@old.example",
             "messageId":"<welcome.x@old.example>","language":"de","senderName":"Old","senderAddress":"q@old.example",
             "queuedAt":"2026-11-24T06:00:00+00:00","report":null,"traceParent":null}
            """;

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(OldSettings));
        var settings = serializer.FromJson<NotificationSettingsSaved>(stream);
        var queued = JsonSerializer.Deserialize<NotificationQueued>(OldQueued, NotificationsProjection.Json)!;

        Assert.Equal(new NotificationSettings(true, false, "Old", "q@old.example", "de"), settings.Settings);
        Assert.Null(queued.Branding);
        Assert.Equal("Ihre Spam-Quarantäne ist aktiv", WelcomeMail.Render(queued, "http://link", DateTimeOffset.UtcNow).Subject);
    }
}
