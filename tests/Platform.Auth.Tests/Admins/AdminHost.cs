using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Testing;
using Xunit;

namespace Platform.Auth.Tests.Admins;

/// <summary>The auth service with a bootstrapped platform admin, and admin logins through its API.</summary>
internal sealed class AdminHost : IAsyncDisposable
{
    public const string Root = "root@platform.example";
    public const string RootPassword = "bootstrap password 1!";

    private AdminHost(ServiceHost<Program> host) => Host = host;

    public ServiceHost<Program> Host { get; }

    public static async Task<AdminHost> StartAsync(params (string Key, string Value)[] settings)
    {
        var host = await ServiceHost<Program>.CreateAsync();
        host.With("Auth:Admin:Email", Root).With("Auth:Admin:Password", RootPassword);
        foreach (var (key, value) in settings)
        {
            host.With(key, value);
        }

        await host.WaitUntilReadyAsync();
        return new AdminHost(host);
    }

    public async Task<HttpResponseMessage> LoginAsync(string email, string password, string? code = null)
    {
        using var client = Host.CreateClient();
        var response = await client.PostAsJsonAsync("/v1/admin/login", new { email, password, code });
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>A client sending the access token of <paramref name="login"/>, which must have succeeded.</summary>
    public async Task<HttpClient> ClientOfAsync(HttpResponseMessage login)
    {
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var client = Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", JsonNode.Parse(await login.Content.ReadAsStringAsync())!["accessToken"]!.GetValue<string>());
        return client;
    }

    public async Task<HttpClient> AsAsync(string email, string password, string? code = null) => await ClientOfAsync(await LoginAsync(email, password, code));

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
