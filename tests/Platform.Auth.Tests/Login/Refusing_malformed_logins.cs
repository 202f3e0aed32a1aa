using System.Net;
using Platform.Testing;
using Xunit;

namespace Platform.Auth.Tests.Login;

/// <summary>Hostile and empty input: never a 500, never a login, and an empty password never reaches the directory.</summary>
public sealed class Refusing_malformed_logins : IAsyncLifetime
{
    private DirectoryLoginHost _auth = null!;
    private TcpProxy _directory = null!;

    public async Task InitializeAsync()
    {
        _auth = await DirectoryLoginHost.StartAsync("hostile.example");
        await _auth.AddUserAsync("alice");
        _directory = TcpProxy.Start(LdapSubtree.Host, LdapSubtree.Port);
        await _auth.PublishDirectoryAsync(s => s with { Port = _directory.Port });
    }

    public async Task DisposeAsync()
    {
        await _directory.DisposeAsync();
        await _auth.DisposeAsync();
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t \r\n")]
    [InlineData(null)]
    public async Task Refuses_an_empty_or_blank_password_without_contacting_the_directory(string? password)
    {
        var before = _directory.Accepted;

        var response = await _auth.LoginAsync("alice@hostile.example", password);

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_credentials"), (response.StatusCode, await Problems.CodeAsync(response)));
        Assert.Equal(before, _directory.Accepted);
        Assert.Equal("empty_password", Assert.Single(await _auth.OutboxAsync("LoginFailed"))["reason"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("*@hostile.example")]
    [InlineData("*")]
    [InlineData(")(uid=*)@hostile.example")]
    [InlineData("alice)(|(uid=*)@hostile.example")]
    [InlineData("al*@hostile.example")]
    [InlineData("alice\0@hostile.example")]
    [InlineData("alice\\2a@hostile.example")]
    [InlineData("alice,ou=people@hostile.example")]
    [InlineData("ålice@hostile.example")]
    [InlineData("alice@hostile.example@other.example")]
    [InlineData("alice")]
    [InlineData("@hostile.example")]
    public async Task Never_lets_injection_in_the_address_log_anyone_in(string email)
    {
        var response = await _auth.LoginAsync(email, DirectoryLoginHost.Password);

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized });
        Assert.Contains(await Problems.CodeAsync(response), new[] { "invalid_email", "invalid_credentials" });
        Assert.Empty(await _auth.OutboxAsync("LoginSucceeded"));
    }

    [Fact]
    public async Task Refuses_a_very_long_address_as_not_an_address()
    {
        var response = await _auth.LoginAsync(new string('a', 100_000) + "@hostile.example", DirectoryLoginHost.Password);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_email"), (response.StatusCode, await Problems.CodeAsync(response)));
    }

    [Fact]
    public async Task Answers_a_body_that_is_not_json_with_a_problem_not_a_500()
    {
        using var client = _auth.Host.CreateClient();
        using var content = new StringContent("{\"email\": ", System.Text.Encoding.UTF8, "application/json");

        var response = await client.PostAsync("/v1/login", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
