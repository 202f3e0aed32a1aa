using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests.Recipients;

public sealed class Choosing_how_recipients_are_verified : IAsyncLifetime
{
    private const string Domain = "callout.example";
    private readonly ServiceHost<Program> _host = new();
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _admin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@callout.example", Domain));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Moves_a_domain_from_none_to_its_list_to_a_callout_and_back()
    {
        var none = await ViewAsync();
        (await _admin.PostAsJsonAsync($"/v1/domains/{Domain}/users", new { email = "ann@callout.example" })).EnsureSuccessStatusCode();
        var registry = await ViewAsync();
        var configured = await _admin.PutAsJsonAsync($"/v1/domains/{Domain}/recipient-verification", new { callout = new { host = "MX.Callout.Example." } });
        var callout = (await configured.Content.ReadFromJsonAsync<JsonNode>())!;
        (await _admin.PutAsJsonAsync($"/v1/domains/{Domain}/recipient-verification", new { callout = (object?)null })).EnsureSuccessStatusCode();
        var back = await ViewAsync();

        Assert.Equal("none", none["mode"]!.GetValue<string>());
        Assert.Equal("registry", registry["mode"]!.GetValue<string>());
        Assert.Equal(("callout", "mx.callout.example", 25),
            (callout["mode"]!.GetValue<string>(), callout["callout"]!["host"]!.GetValue<string>(), callout["callout"]!["port"]!.GetValue<int>()));
        Assert.Equal("registry", back["mode"]!.GetValue<string>());
        Assert.Null(back["callout"]);
    }

    [Theory]
    [InlineData("", 25, "callout.host", "invalid_callout_host")]
    [InlineData("not a host", 25, "callout.host", "invalid_callout_host")]
    [InlineData("mx.callout.example", 0, "callout.port", "invalid_callout_port")]
    [InlineData("mx.callout.example", 70000, "callout.port", "invalid_callout_port")]
    public async Task Refuses_a_mail_server_it_cannot_ask_with_the_fields_code(string host, int port, string field, string code)
    {
        var response = await _admin.PutAsJsonAsync($"/v1/domains/{Domain}/recipient-verification", new { callout = new { host, port } });
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_callout", problem["code"]!.GetValue<string>());
        Assert.Equal([(field, code)], ProblemFieldCodes.Of(problem));
        Assert.Equal("none", (await ViewAsync())["mode"]!.GetValue<string>());
    }

    private async Task<JsonNode> ViewAsync() => JsonNode.Parse(await _admin.GetStringAsync($"/v1/domains/{Domain}/recipient-verification"))!;
}
