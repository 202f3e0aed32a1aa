using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Platform.Directory.Settings;
using Platform.Security.Secrets;
using Platform.Testing;
using Xunit;

namespace Platform.Auth.Tests.Login;

/// <summary>
/// Against a slapd of the test's own that lets unauthenticated binds through, as Active Directory does by default
/// (<c>allow bind_anon_dn</c>: a DN with an empty password binds as nobody; <c>bind_anon_cred</c>: an empty DN with a
/// password). libldap takes the password as a C string, so everything from a NUL on is never sent.
/// </summary>
public sealed class Refusing_passwords_that_are_not_passwords : IAsyncLifetime
{
    private const string Suffix = "o=lenient";
    private const string Right = "right password 1";
    private DirectoryLoginHost _auth = null!;
    private PrivateSlapd _slapd = null!;

    public async Task InitializeAsync()
    {
        _slapd = await PrivateSlapd.StartAsync(Suffix, "allow bind_anon_dn bind_anon_cred",
            PrivateSlapd.Person(Suffix, "uma", "uma@lenient.example", Right));
        _auth = await DirectoryLoginHost.StartAsync("lenient.example");
    }

    public async Task DisposeAsync()
    {
        await _auth.DisposeAsync();
        await _slapd.DisposeAsync();
    }

    [Theory]
    [InlineData("\u0000")]
    [InlineData("\u0000x")]
    [InlineData("right password 1\u0000x")]
    [InlineData("right password 1\n")]
    public async Task Refuses_a_password_with_a_control_character_as_invalid_credentials_with_a_service_account(string password)
    {
        await PublishAsync(serviceAccount: true);

        var login = await _auth.LoginAsync("uma@lenient.example", password);
        var right = await _auth.LoginAsync("uma@lenient.example", Right);

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_credentials"), (login.StatusCode, await Problems.CodeAsync(login)));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        var failed = await _auth.OutboxAsync("LoginFailed");
        Assert.Equal("unusable_password", Assert.Single(failed)["reason"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("\u0000")]
    [InlineData("\u0000x")]
    [InlineData("right password 1\u0000x")]
    public async Task Refuses_a_password_with_a_control_character_as_invalid_credentials_with_a_bind_template(string password)
    {
        await PublishAsync(serviceAccount: false);

        var login = await _auth.LoginAsync("uma@lenient.example", password);
        var right = await _auth.LoginAsync("uma@lenient.example", Right);

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_credentials"), (login.StatusCode, await Problems.CodeAsync(login)));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    private Task PublishAsync(bool serviceAccount)
    {
        var protector = _auth.Host.Services.GetRequiredService<SecretProtector>();
        return _auth.PublishDirectoryAsync(s => s with
        {
            Port = _slapd.Port, BaseDn = Suffix, Attributes = null,
            BindDn = serviceAccount ? _slapd.AdminDn : null,
            ProtectedBindPassword = serviceAccount ? protector.Protect(_slapd.AdminPassword, PublishedSettings.PasswordContext(_auth.Domain)) : null,
            UserBindTemplate = serviceAccount ? null : "uid={login}," + Suffix,
        });
    }
}
