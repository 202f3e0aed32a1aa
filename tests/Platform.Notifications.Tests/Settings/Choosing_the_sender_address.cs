using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.Notifications.Tests.Settings;

public sealed class Choosing_the_sender_address : IAsyncLifetime
{
    private const string Domain = "sender.example";
    private const string PlatformSender = "reports@platform.example";
    private readonly ServiceHost<Program> _host = new();
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _host.With("Notifications:Delivery:PlatformSenders:0", PlatformSender);
        await _host.InitializeAsync();
        _admin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin($"admin@{Domain}", Domain));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("quarantine@other.example")]
    [InlineData("ceo@notsender.example")]
    [InlineData("quarantine@example")]
    public async Task Refuses_an_address_of_another_domain_with_a_field_error(string sender)
    {
        var response = await _admin.PutAsJsonAsync($"/v1/domains/{Domain}/notifications", new { senderAddress = sender });
        var problem = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        var current = (await _admin.GetFromJsonAsync<JsonNode>($"/v1/domains/{Domain}/notifications"))!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_notification_settings", problem["code"]!.GetValue<string>());
        Assert.Equal([("senderAddress", "sender_not_allowed")], ProblemFieldCodes.Of(problem));
        Assert.False(current["saved"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("quarantine@sender.example")]
    [InlineData("Quarantine@Mail.Sender.Example")]
    [InlineData(PlatformSender)]
    [InlineData("quarantine@platform.invalid")]
    public async Task Takes_an_address_of_the_domain_or_a_platform_wide_sender(string sender)
    {
        var response = await _admin.PutAsJsonAsync($"/v1/domains/{Domain}/notifications", new { senderAddress = sender });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
