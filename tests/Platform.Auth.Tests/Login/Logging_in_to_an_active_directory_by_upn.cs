using System.Net;
using Platform.Testing;
using Xunit;

namespace Platform.Auth.Tests.Login;

/// <summary>
/// Against the local Samba AD DC without a service account: the documented UPN bind template <c>{login}</c> binds as
/// what the user typed (alice's UPN is alice@example.com; jdoe's is jdoe@corp.example.test, his mail john.doe@example.com).
/// </summary>
public sealed class Logging_in_to_an_active_directory_by_upn : IAsyncLifetime
{
    private readonly PeerAddressHost<Program> _host = new();

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        await _host.WaitUntilReadyAsync();
        // No service account: the template alone says whom to bind as.
        await ActiveDirectoryDomain.PublishAsync(_host, settings => settings with
        {
            BindDn = null, ProtectedBindPassword = null, ExtraFilter = null, UserBindTemplate = "{login}",
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Logs_in_by_binding_with_the_upn_typed_and_no_service_account()
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

    private async Task<HttpResponseMessage> LoginAsync(string email, string password)
    {
        using var client = _host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/login") { Content = System.Net.Http.Json.JsonContent.Create(new { email, password }) };
        request.Headers.Add(PeerAddressHost<Program>.PeerHeader, "192.0.2.6");
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
