using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Auth.Tests.Login;
using Platform.Contracts;
using Xunit;

namespace Platform.Auth.Tests.Links;

public sealed class Issuing_links_only_to_known_users : IAsyncLifetime
{
    private DirectoryLoginHost _auth = null!;

    public async Task InitializeAsync()
    {
        _auth = await DirectoryLoginHost.StartAsync("known.example");
        await _auth.AddUserAsync("kira");
        await _auth.AddUserAsync("uwe");
        await _auth.PublishDirectoryAsync();
        await _auth.DiscoverAsync("kira");
    }

    public async Task DisposeAsync() => await _auth.DisposeAsync();

    [Fact]
    public async Task Answers_a_request_for_an_address_the_registry_does_not_know_with_a_refusal_every_time()
    {
        // uwe is in the directory, but the registry never announced him: whoever could publish the request picked him.
        var first = await IssueAsync("uwe@known.example");
        var again = await IssueAsync("uwe@known.example");

        Assert.Equal(("", LoginLinkRefusals.UnknownUser), (first.Url, first.Refusal));
        Assert.Equal(("", LoginLinkRefusals.UnknownUser), (again.Url, again.Refusal));
        Assert.Equal(0, await LinksStoredAsync());
    }

    [Fact]
    public async Task Issues_the_link_when_the_registry_announces_the_user_just_after_the_request()
    {
        // A first spam: notifications asks for the welcome's link while directory-sync's UserDiscovered is on its way.
        var request = IssueAsync("uwe@known.example");
        await Task.Delay(300);
        await _auth.DiscoverAsync("uwe");

        var link = await request;

        Assert.Null(link.Refusal);
        using var client = _auth.Host.CreateClient();
        var use = await client.PostAsJsonAsync("/v1/login/link", new { token = link.Url[(link.Url.IndexOf("token=", StringComparison.Ordinal) + 6)..] });
        Assert.Equal(HttpStatusCode.OK, use.StatusCode);
    }

    [Fact]
    public async Task Answers_a_request_for_several_with_links_for_the_known_users_and_refusals_for_the_others()
    {
        var request = new IssueLoginLinks
        {
            Links =
            [
                new IssueLoginLink { Domain = "known.example", Email = "kira@known.example", Purpose = LoginLinkPurposes.Report },
                new IssueLoginLink { Domain = "known.example", Email = "nobody@known.example", Purpose = LoginLinkPurposes.Report },
            ],
        };
        var client = _auth.Host.Services.GetRequiredService<IBus>().CreateRequestClient<IssueLoginLinks>(RequestTimeout.After(s: 30));

        var links = (await client.GetResponse<LoginLinksIssued>(request)).Message.Links;

        Assert.Equal(2, links.Count);
        Assert.Null(links[0].Refusal);
        Assert.Contains("token=", links[0].Url, StringComparison.Ordinal);
        Assert.Equal(("", LoginLinkRefusals.UnknownUser), (links[1].Url, links[1].Refusal));
        Assert.Equal(1, await LinksStoredAsync());
    }

    private async Task<LoginLinkIssued> IssueAsync(string email)
    {
        var client = _auth.Host.Services.GetRequiredService<IBus>().CreateRequestClient<IssueLoginLink>(RequestTimeout.After(s: 30));
        return (await client.GetResponse<LoginLinkIssued>(new IssueLoginLink { Domain = "known.example", Email = email, Purpose = LoginLinkPurposes.Welcome })).Message;
    }

    private async Task<long> LinksStoredAsync()
    {
        await using var data = NpgsqlDataSource.Create(_auth.Host.ConnectionString);
        await using var command = data.CreateCommand("SELECT count(*) FROM auth.mt_events WHERE type = 'login-link-created'");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
