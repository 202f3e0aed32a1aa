using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Auth.Tests.Login;
using Platform.Contracts;
using Platform.Security;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.Auth.Tests.Links;

public sealed class Logging_in_with_a_link : IAsyncLifetime
{
    private DirectoryLoginHost _auth = null!;

    public async Task InitializeAsync()
    {
        _auth = await DirectoryLoginHost.StartAsync("links.example", host => host.With("Auth:LoginLinks:LoginLifetime", "00:00:01"));
        await _auth.AddUserAsync("lena");
        await _auth.PublishDirectoryAsync();
        await _auth.DiscoverAsync("lena");
    }

    public async Task DisposeAsync() => await _auth.DisposeAsync();

    [Fact]
    public async Task Logs_in_once_with_a_welcome_link_and_never_again_with_it()
    {
        var link = await IssueAsync("Lena@Links.example", LoginLinkPurposes.Welcome);

        var first = await UseAsync(link.Url);
        var second = await UseAsync(link.Url);

        Assert.True(link.ExpiresAt > DateTimeOffset.UtcNow.AddDays(6), "a welcome link lives for days");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var token = (await first.Content.ReadFromJsonAsync<JsonNode>())!["accessToken"]!.GetValue<string>();
        using var validator = new PlatformTokenValidator(PlatformTokenOptions.FromConfiguration(Infrastructure.Configuration));
        var principal = (await validator.ValidateAsync(token)).Principal!;
        Assert.Equal(("lena@links.example", "link"),
            (principal.FindFirst(PlatformClaims.Email)!.Value, principal.FindFirst(PlatformClaims.AuthenticationMethods)!.Value));
        Assert.Equal((HttpStatusCode.Unauthorized, "link_used"), (second.StatusCode, await Problems.CodeAsync(second)));
        var succeeded = Assert.Single(await _auth.OutboxAsync("LoginSucceeded"));
        Assert.Equal("loginLink", succeeded["method"]!.GetValue<string>());
    }

    [Fact]
    public async Task Lets_exactly_one_of_many_simultaneous_uses_in()
    {
        var link = await IssueAsync("lena@links.example", LoginLinkPurposes.Report);

        var uses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => UseAsync(link.Url))));

        Assert.Single(uses, u => u.StatusCode == HttpStatusCode.OK);
        Assert.All(uses.Where(u => u.StatusCode != HttpStatusCode.OK), u => Assert.Equal(HttpStatusCode.Unauthorized, u.StatusCode));
    }

    [Fact]
    public async Task Refuses_an_expired_link_and_a_made_up_one()
    {
        var link = await IssueAsync("lena@links.example", LoginLinkPurposes.Login);
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var expired = await UseAsync(link.Url);
        var madeUp = await UseAsync(link.Url[..link.Url.IndexOf("token=", StringComparison.Ordinal)] + "token=made-up");

        Assert.Equal((HttpStatusCode.Unauthorized, "link_expired"), (expired.StatusCode, await Problems.CodeAsync(expired)));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_link"), (madeUp.StatusCode, await Problems.CodeAsync(madeUp)));
    }

    [Fact]
    public async Task Replaces_the_link_of_a_request_delivered_again()
    {
        var bus = _auth.Host.Services.GetRequiredService<IBus>();
        var answers = new System.Collections.Concurrent.ConcurrentQueue<LoginLinkIssued>();
        var responses = bus.ConnectReceiveEndpoint(new TemporaryEndpointDefinition(), KebabCaseEndpointNameFormatter.Instance,
            e => e.Handler<LoginLinkIssued>(c =>
            {
                answers.Enqueue(c.Message);
                return Task.CompletedTask;
            }));
        await responses.Ready;
        var request = new IssueLoginLink { Domain = "links.example", Email = "lena@links.example", Purpose = LoginLinkPurposes.Welcome };
        var requestId = NewId.NextGuid();

        // The same request twice, as a redelivery would bring it: same message id, same request id.
        for (var i = 0; i < 2; i++)
        {
            await bus.Publish(request, c => (c.MessageId, c.RequestId, c.ResponseAddress) = (requestId, requestId, responses.ReceiveEndpoint.InputAddress));
            await Eventually.Get(() => Task.FromResult(answers.Count), n => n > i, TimeSpan.FromSeconds(20));
        }

        await responses.StopAsync();
        var (first, again) = (answers.First().Url, answers.Last().Url);
        var firstUse = await UseAsync(first);
        Assert.NotEqual(first, again);
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_link"), (firstUse.StatusCode, await Problems.CodeAsync(firstUse)));
        Assert.Equal(HttpStatusCode.OK, (await UseAsync(again)).StatusCode);
    }

    [Fact]
    public async Task Issues_the_links_of_one_request_for_several_in_its_order_each_good_once_for_its_user()
    {
        await _auth.AddUserAsync("lars");
        await _auth.PublishDirectoryAsync();
        await _auth.DiscoverAsync("lars");
        var bus = _auth.Host.Services.GetRequiredService<IBus>();

        var response = await bus.Request<IssueLoginLinks, LoginLinksIssued>(new IssueLoginLinks
        {
            Links =
            [
                new IssueLoginLink { Domain = "links.example", Email = "lena@links.example", Purpose = LoginLinkPurposes.Welcome },
                new IssueLoginLink { Domain = "links.example", Email = "lars@links.example", Purpose = LoginLinkPurposes.Report },
            ],
        });

        var links = response.Message.Links;
        Assert.Equal(2, links.Count);
        Assert.NotEqual(links[0].Url, links[1].Url);
        Assert.All(links, link => Assert.True(link.ExpiresAt > DateTimeOffset.UtcNow.AddDays(6), "welcome and report links live for days"));
        using var validator = new PlatformTokenValidator(PlatformTokenOptions.FromConfiguration(Infrastructure.Configuration));
        foreach (var (link, user) in links.Zip(["lena@links.example", "lars@links.example"]))
        {
            var use = await UseAsync(link.Url);
            Assert.Equal(HttpStatusCode.OK, use.StatusCode);
            var token = (await use.Content.ReadFromJsonAsync<JsonNode>())!["accessToken"]!.GetValue<string>();
            Assert.Equal(user, (await validator.ValidateAsync(token)).Principal!.FindFirst(PlatformClaims.Email)!.Value);
            Assert.Equal(HttpStatusCode.Unauthorized, (await UseAsync(link.Url)).StatusCode);
        }
    }

    [Fact]
    public async Task Refuses_a_request_for_no_links_or_for_an_address_outside_its_domain()
    {
        var client = _auth.Host.Services.GetRequiredService<IBus>().CreateRequestClient<IssueLoginLinks>();

        var none = await Assert.ThrowsAsync<RequestFaultException>(() => client.GetResponse<LoginLinksIssued>(new IssueLoginLinks { Links = [] }));
        var foreign = await Assert.ThrowsAsync<RequestFaultException>(() => client.GetResponse<LoginLinksIssued>(new IssueLoginLinks
        {
            Links = [new IssueLoginLink { Domain = "links.example", Email = "eve@elsewhere.example", Purpose = LoginLinkPurposes.Login }],
        }));

        Assert.Contains("1 to 500", none.Fault!.Exceptions[0].Message);
        Assert.Contains("does not name an address in its domain", foreign.Fault!.Exceptions[0].Message);
    }

    [Fact]
    public async Task Shows_whom_a_link_is_for_without_using_it_then_why_it_is_refused()
    {
        var link = await IssueAsync("lena@links.example", LoginLinkPurposes.Welcome);
        var expiring = await IssueAsync("lena@links.example", LoginLinkPurposes.Login);

        var peeked = await PeekAsync(link.Url);
        var again = await PeekAsync(link.Url);
        var use = await UseAsync(link.Url);
        var afterUse = await PeekAsync(link.Url);
        var madeUp = await PeekAsync("https://panel.example/login/link?token=made-up");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var expired = await PeekAsync(expiring.Url);

        Assert.Equal(HttpStatusCode.OK, peeked.StatusCode);
        Assert.True(peeked.Headers.CacheControl?.NoStore, "a peek's answer may not be kept");
        var addressee = (await peeked.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal("lena@links.example", addressee["email"]!.GetValue<string>());
        // PostgreSQL keeps microseconds.
        Assert.Equal(link.ExpiresAt, addressee["expiresAt"]!.GetValue<DateTimeOffset>(), TimeSpan.FromMilliseconds(1));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, use.StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, "link_used"), (afterUse.StatusCode, await Problems.CodeAsync(afterUse)));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_link"), (madeUp.StatusCode, await Problems.CodeAsync(madeUp)));
        Assert.Equal((HttpStatusCode.Unauthorized, "link_expired"), (expired.StatusCode, await Problems.CodeAsync(expired)));
        // Only the click logs in: the peeks recorded no login.
        Assert.Single(await _auth.OutboxAsync("LoginSucceeded"));
    }

    private async Task<HttpResponseMessage> PeekAsync(string url)
    {
        using var client = _auth.Host.CreateClient();
        var response = await client.PostAsJsonAsync("/v1/login/link/peek", new { token = url[(url.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..] });
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private async Task<LoginLinkIssued> IssueAsync(string email, string purpose)
    {
        var bus = _auth.Host.Services.GetRequiredService<IBus>();
        var response = await bus.Request<IssueLoginLink, LoginLinkIssued>(new IssueLoginLink { Domain = "links.example", Email = email, Purpose = purpose });
        return response.Message;
    }

    private async Task<HttpResponseMessage> UseAsync(string url)
    {
        using var client = _auth.Host.CreateClient();
        var token = url[(url.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];
        var response = await client.PostAsJsonAsync("/v1/login/link", new { token });
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
