using System.Net;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.DirectorySync.Tests.Sync;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests.Registry;

public sealed class Registering_users_on_login : IAsyncLifetime
{
    private const string Domain = "login.example";
    private readonly ServiceHost<Program> _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Adds_an_unknown_user_once_despite_a_redelivery_and_records_their_last_login()
    {
        using var admin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@login.example", Domain));
        // Published before the consumer's queue is bound, a message would go nowhere.
        await _host.WaitUntilReadyAsync();
        var bus = _host.Services.GetRequiredService<IBus>();
        var first = Login("Carol@Login.example", LoginMethods.Password, new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
        var later = Login("carol@login.example", LoginMethods.LoginLink, new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
        var admins = Login("admin@login.example", LoginMethods.LocalAccount, first.OccurredAt);

        await bus.Publish(first, c => c.MessageId = first.EventId);
        await bus.Publish(first, c => c.MessageId = first.EventId);
        await bus.Publish(admins, c => c.MessageId = admins.EventId);
        await Eventually.Get(() => SyncApi.OutboxAsync(_host.ConnectionString, "UserDiscovered"), m => m.Count > 0, TimeSpan.FromSeconds(30));
        await bus.Publish(later, c => c.MessageId = later.EventId);
        var carol = await Eventually.Get(
            async () => JsonNode.Parse(await admin.GetStringAsync($"/v1/domains/{Domain}/users/carol@login.example"))!,
            u => u["lastLogin"]?.GetValue<DateTimeOffset>() == later.OccurredAt, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1)); // room for a duplicate or the admin's login to show up

        var discovered = Assert.Single(await SyncApi.OutboxAsync(_host.ConnectionString, "UserDiscovered"));
        Assert.Equal(("carol@login.example", "login"), (discovered["email"]!.GetValue<string>(), discovered["source"]!.GetValue<string>()));
        Assert.Equal("login", carol["source"]!.GetValue<string>());
        Assert.Equal(first.OccurredAt, carol["firstSeen"]!.GetValue<DateTimeOffset>());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/v1/domains/{Domain}/users/admin@login.example")).StatusCode);
    }

    private static LoginSucceeded Login(string email, string method, DateTimeOffset at) => new()
    {
        EventId = Guid.NewGuid(), OccurredAt = at, Domain = Domain, Email = email, Method = method, FirstLogin = false,
    };
}
