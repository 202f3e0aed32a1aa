using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.DirectorySync.Tests.Recipients.Callout;
using Platform.Security;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests.Recipients;

/// <summary>
/// A domain without directory that verifies by callout, answered through the service by the real local SMTP sink
/// (which accepts only the mailboxes the test lists), reached through a proxy that counts the dialogs.
/// </summary>
public sealed class Verifying_recipients_by_callout : IAsyncLifetime
{
    private const string Attacker = "198.51.100.9";
    private const string Neighbour = "192.0.2.20";
    private readonly PeerAddressHost<Program> _host = new();
    private readonly MailboxFile _mailboxes = new("ann", "bob");
    private readonly CountingProxy _proxy = new(MailboxFile.Sink);
    private HttpClient _filter = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _host.With("Recipients:Guard:InvalidPerClient", "20").With("Recipients:Guard:BlockAt", "60")
            .With("Recipients:Guard:InvalidPerDomain", "100000");
        using var admin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin($"admin@{_mailboxes.Domain}", _mailboxes.Domain));
        (await admin.PutAsJsonAsync($"/v1/domains/{_mailboxes.Domain}/recipient-verification",
            new { callout = new { host = _proxy.Server.Host, port = _proxy.Server.Port } })).EnsureSuccessStatusCode();
        _filter = _host.CreateClient().As(new PlatformTokenRequest("smtp-edge", [PlatformRoles.MailFilter]));
        await Eventually.Get(() => LookupAsync(_mailboxes.Address("ann"), Neighbour), r => r.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(15));
    }

    public async Task DisposeAsync()
    {
        _filter.Dispose();
        _proxy.Dispose();
        _mailboxes.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Answers_from_the_domains_mail_server_and_asks_it_once_per_address()
    {
        var before = _proxy.Connections;
        var ann = await LookupAsync(_mailboxes.Address("ANN"), Neighbour);
        var bob = await LookupAsync(_mailboxes.Address("bob"), Neighbour);
        var nobody = await LookupAsync(_mailboxes.Address("nobody"), Neighbour);
        var bobAgain = await LookupAsync(_mailboxes.Address("bob"), Neighbour);
        var nobodyAgain = await LookupAsync(_mailboxes.Address("nobody"), Neighbour);

        Assert.Equal((HttpStatusCode.OK, true), (ann.Status, ann.Valid));
        Assert.Equal((HttpStatusCode.OK, true), (bob.Status, bob.Valid));
        Assert.Equal((HttpStatusCode.OK, false), (nobody.Status, nobody.Valid));
        Assert.Equal((bob, nobody), (bobAgain, nobodyAgain));
        Assert.Equal(2, _proxy.Connections - before); // bob and nobody; ann was cached by the set-up's lookup
    }

    [Fact]
    public async Task Answers_503_with_a_retry_when_the_server_gives_no_verdict()
    {
        _mailboxes.TempFail(true);

        var deferred = await LookupAsync(_mailboxes.Address("carol"), Neighbour);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "recipient_unverifiable"), (deferred.Status, deferred.Code));
        Assert.True(deferred.RetryAfter > TimeSpan.Zero, "503 without Retry-After");
        Assert.DoesNotContain("carol", deferred.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spares_the_mail_server_from_a_client_probing_thousands_of_addresses()
    {
        var before = _proxy.Connections;
        var attacker = new List<Answer>();
        var neighbour = new List<Answer>();
        for (var i = 0; i < 2000; i++)
        {
            attacker.Add(await LookupAsync(_mailboxes.Address($"guess{i}"), Attacker));
            if (i % 100 == 0)
            {
                neighbour.Add(await LookupAsync(_mailboxes.Address("bob"), Neighbour));
            }
        }

        Assert.All(attacker.Take(20), a => Assert.Equal((HttpStatusCode.OK, false), (a.Status, a.Valid)));
        Assert.All(attacker.Skip(20), a => Assert.Equal(HttpStatusCode.TooManyRequests, a.Status));
        Assert.Equal("client_blocked", attacker[^1].Code);
        Assert.All(neighbour, a => Assert.Equal((HttpStatusCode.OK, true), (a.Status, a.Valid)));
        Assert.Equal(21, _proxy.Connections - before); // 20 guesses let through, and bob once
    }

    private async Task<Answer> LookupAsync(string email, string peer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/recipients/{email}");
        request.Headers.Add(PeerAddressHost<Program>.PeerHeader, peer);
        using var response = await _filter.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        return new Answer(
            response.StatusCode, body?["valid"]?.GetValue<bool>(), body?["code"]?.GetValue<string>(), body?["detail"]?.GetValue<string>() ?? "",
            response.Headers.RetryAfter?.Delta);
    }

    private sealed record Answer(HttpStatusCode Status, bool? Valid, string? Code, string Detail, TimeSpan? RetryAfter);
}
