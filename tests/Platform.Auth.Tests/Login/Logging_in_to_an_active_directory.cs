using System.Net;
using Platform.Testing;
using Xunit;

namespace Platform.Auth.Tests.Login;

/// <summary>
/// Against the local Samba AD DC's demo domain (example.com users in CN=Users; jdoe logs in as jdoe@corp.example.test,
/// his mail is john.doe@example.com; dave is disabled).
/// </summary>
public sealed class Logging_in_to_an_active_directory : IAsyncLifetime
{
    private readonly PeerAddressHost<Program> _host = new();

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        await _host.WaitUntilReadyAsync();
        await ActiveDirectoryDomain.PublishAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Logs_in_with_the_address_and_with_a_login_in_another_upn_suffix_as_the_entrys_mailbox()
    {
        var alice = await LoginAsync("alice@example.com", Infrastructure.Get("ActiveDirectory:UserPassword"));
        var jdoe = await LoginAsync("jdoe@corp.example.test", Infrastructure.Get("ActiveDirectory:UserPassword"));
        var wrong = await LoginAsync("alice@example.com", "not alice's password");

        Assert.Equal(HttpStatusCode.OK, alice.StatusCode);
        Assert.Equal(HttpStatusCode.OK, jdoe.StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_credentials"), (wrong.StatusCode, await Problems.CodeAsync(wrong)));
        var succeeded = await OutboxMessages.ReadAsync(_host.ConnectionString, "auth", "LoginSucceeded");
        Assert.Equal(["alice@example.com", "john.doe@example.com"], succeeded.Select(m => m["email"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Refuses_a_disabled_account_as_disabled_not_as_a_wrong_password()
    {
        var dave = await LoginAsync("dave@example.com", Infrastructure.Get("ActiveDirectory:UserPassword"));

        Assert.Equal((HttpStatusCode.Forbidden, "disabled_in_directory"), (dave.StatusCode, await Problems.CodeAsync(dave)));
    }

    private async Task<HttpResponseMessage> LoginAsync(string email, string password)
    {
        using var client = _host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/login") { Content = System.Net.Http.Json.JsonContent.Create(new { email, password }) };
        request.Headers.Add(PeerAddressHost<Program>.PeerHeader, "192.0.2.5");
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
