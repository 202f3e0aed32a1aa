extern alias auth;
extern alias directorysync;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.Messaging.Tests;

/// <summary>
/// The SMTP edge's own credential: created by a platform admin in auth, exchanged there for a token that
/// directory-sync's recipient lookups accept and its other endpoints refuse.
/// </summary>
public sealed class Asking_about_recipients_with_a_client_credential
{
    [Fact]
    public async Task Looks_recipients_up_with_the_token_of_a_client_and_opens_nothing_else()
    {
        await using var vhost = await RabbitMqVirtualHost.CreateAsync();
        await using var authHost = await ServiceHost<auth::Program>.StartOnAsync(vhost);
        await using var directorySync = await ServiceHost<directorysync::Program>.StartOnAsync(vhost);
        using var admin = authHost.CreateClient().As(PlatformTokenRequest.PlatformAdmin("root@platform.example"));
        var created = (await (await admin.PostAsJsonAsync("/v1/admin/clients", new { name = "smtp edge" })).Content.ReadFromJsonAsync<JsonNode>())!;
        using var auth = authHost.CreateClient();
        var exchanged = await auth.PostAsync("/v1/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = created["clientId"]!.GetValue<string>(),
            ["client_secret"] = created["clientSecret"]!.GetValue<string>(),
        }));
        var token = (await exchanged.Content.ReadFromJsonAsync<JsonNode>())!["access_token"]!.GetValue<string>();
        using var edge = directorySync.CreateClient();
        edge.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var lookup = await Eventually.Get(() => edge.GetAsync("/v1/recipients/someone@unserved.example"),
            r => r.StatusCode != HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30));
        var users = await edge.GetAsync("/v1/domains/unserved.example/users");
        var settings = await edge.GetAsync("/v1/domains/unserved.example/directory");

        // Past authorization: the lookup is answered (the domain is not served here).
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
        Assert.Equal("domain_not_served", (await lookup.Content.ReadFromJsonAsync<JsonNode>())!["code"]!.GetValue<string>());
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (users.StatusCode, settings.StatusCode));
    }
}
