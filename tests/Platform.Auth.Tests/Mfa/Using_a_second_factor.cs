using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OtpNet;
using Platform.Auth.Mfa;
using Platform.Auth.Tests.Links;
using Platform.Auth.Tests.Login;
using Platform.Contracts;
using Xunit;

namespace Platform.Auth.Tests.Mfa;

public sealed class Using_a_second_factor : IAsyncLifetime
{
    private DirectoryLoginHost _auth = null!;

    public async Task InitializeAsync()
    {
        _auth = await DirectoryLoginHost.StartAsync("mfa.example");
        await _auth.AddUserAsync("otto");
        await _auth.PublishDirectoryAsync();
    }

    public async Task DisposeAsync() => await _auth.DisposeAsync();

    [Fact]
    public async Task Enrolls_then_asks_for_a_code_refuses_a_replayed_one_and_takes_a_recovery_code_once()
    {
        using var otto = await SignedInAsync();
        var enrollment = (await (await otto.PostAsync("/v1/me/totp", null)).Content.ReadFromJsonAsync<JsonNode>())!;
        var secret = Base32Encoding.ToBytes(enrollment["secret"]!.GetValue<string>());
        var wrongConfirm = await otto.PostAsJsonAsync("/v1/me/totp/confirm", new { code = "000000" });
        var step = TotpCodes.Step(DateTimeOffset.UtcNow);
        var confirmed = await otto.PostAsJsonAsync("/v1/me/totp/confirm", new { code = TotpCodes.Compute(secret, step) });
        var recovery = (await confirmed.Content.ReadFromJsonAsync<JsonNode>())!["recoveryCodes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();

        var withoutCode = await _auth.LoginAsync("otto@mfa.example", DirectoryLoginHost.Password);
        var next = TotpCodes.Compute(secret, step + 1);
        var withCode = await _auth.LoginAsync("otto@mfa.example", DirectoryLoginHost.Password, next);
        var replayed = await _auth.LoginAsync("otto@mfa.example", DirectoryLoginHost.Password, next);
        var withRecovery = await _auth.LoginAsync("otto@mfa.example", DirectoryLoginHost.Password, recovery[0]);
        var recoveryAgain = await _auth.LoginAsync("otto@mfa.example", DirectoryLoginHost.Password, recovery[0]);

        Assert.StartsWith("otpauth://totp/Platform:otto%40mfa.example?secret=", enrollment["otpAuthUri"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, "mfa_invalid"), (wrongConfirm.StatusCode, await Problems.CodeAsync(wrongConfirm)));
        Assert.Equal(10, recovery.Count);
        Assert.Equal((HttpStatusCode.Unauthorized, "mfa_required"), (withoutCode.StatusCode, await Problems.CodeAsync(withoutCode)));
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, "mfa_invalid"), (replayed.StatusCode, await Problems.CodeAsync(replayed)));
        Assert.Equal(HttpStatusCode.OK, withRecovery.StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, "mfa_invalid"), (recoveryAgain.StatusCode, await Problems.CodeAsync(recoveryAgain)));
        Assert.False(await StoredAnywhereAsync(enrollment["secret"]!.GetValue<string>()), "the TOTP secret is stored in clear");
        Assert.False(await StoredAnywhereAsync(recovery[1]), "a recovery code is stored in clear");
    }

    [Fact]
    public async Task Asks_for_the_code_after_a_login_link_too_without_spending_the_link()
    {
        using var otto = await SignedInAsync();
        var secret = Base32Encoding.ToBytes((await (await otto.PostAsync("/v1/me/totp", null)).Content.ReadFromJsonAsync<JsonNode>())!["secret"]!.GetValue<string>());
        var recovery = (await (await otto.PostAsJsonAsync("/v1/me/totp/confirm", new { code = TotpCodes.Compute(secret, TotpCodes.Step(DateTimeOffset.UtcNow)) }))
            .Content.ReadFromJsonAsync<JsonNode>())!["recoveryCodes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        await _auth.DiscoverAsync("otto");
        var link = (await _auth.Host.Services.GetRequiredService<IBus>().Request<IssueLoginLink, LoginLinkIssued>(
            new IssueLoginLink { Domain = "mfa.example", Email = "otto@mfa.example", Purpose = LoginLinkPurposes.Report })).Message;
        var token = link.Url[(link.Url.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        using var client = _auth.Host.CreateClient();

        var withoutCode = await client.PostAsJsonAsync("/v1/login/link", new { token });
        var withCode = await client.PostAsJsonAsync("/v1/login/link", new { token, code = recovery[5] });

        Assert.Equal((HttpStatusCode.Unauthorized, "mfa_required"), (withoutCode.StatusCode, await Problems.CodeAsync(withoutCode)));
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
    }

    [Fact]
    public async Task Turns_the_second_factor_off_with_a_code_and_logs_in_without_one_after()
    {
        using var otto = await SignedInAsync();
        var secret = Base32Encoding.ToBytes((await (await otto.PostAsync("/v1/me/totp", null)).Content.ReadFromJsonAsync<JsonNode>())!["secret"]!.GetValue<string>());
        var step = TotpCodes.Step(DateTimeOffset.UtcNow);
        (await otto.PostAsJsonAsync("/v1/me/totp/confirm", new { code = TotpCodes.Compute(secret, step) })).EnsureSuccessStatusCode();

        var refused = await otto.PostAsJsonAsync("/v1/me/totp/disable", new { code = "123456" });
        var disabled = await otto.PostAsJsonAsync("/v1/me/totp/disable", new { code = TotpCodes.Compute(secret, step + 1) });
        var login = await _auth.LoginAsync("otto@mfa.example", DirectoryLoginHost.Password);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task Shows_the_user_whether_it_is_on_and_the_recovery_codes_left_but_never_the_secret()
    {
        using var otto = await SignedInAsync();
        var before = await otto.GetStringAsync("/v1/me/totp");
        var secret = (await (await otto.PostAsync("/v1/me/totp", null)).Content.ReadFromJsonAsync<JsonNode>())!["secret"]!.GetValue<string>();
        var pending = await otto.GetStringAsync("/v1/me/totp");
        var step = TotpCodes.Step(DateTimeOffset.UtcNow);
        var recovery = (await (await otto.PostAsJsonAsync("/v1/me/totp/confirm", new { code = TotpCodes.Compute(Base32Encoding.ToBytes(secret), step) }))
            .Content.ReadFromJsonAsync<JsonNode>())!["recoveryCodes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        (await _auth.LoginAsync("otto@mfa.example", DirectoryLoginHost.Password, recovery[0])).EnsureSuccessStatusCode();
        var on = await otto.GetStringAsync("/v1/me/totp");

        Assert.Equal("""{"enabled":false,"enrollmentPending":false,"recoveryCodesLeft":0}""", before);
        Assert.Equal("""{"enabled":false,"enrollmentPending":true,"recoveryCodesLeft":0}""", pending);
        Assert.Equal("""{"enabled":true,"enrollmentPending":false,"recoveryCodesLeft":9}""", on);
        Assert.DoesNotContain(secret, pending + on, StringComparison.Ordinal);
    }

    private async Task<HttpClient> SignedInAsync()
    {
        var login = await _auth.LoginAsync("otto@mfa.example", DirectoryLoginHost.Password);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var client = _auth.Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<JsonNode>())!["accessToken"]!.GetValue<string>());
        return client;
    }

    private async Task<bool> StoredAnywhereAsync(string value)
    {
        await using var data = NpgsqlDataSource.Create(_auth.Host.ConnectionString);
        await using var command = data.CreateCommand("""
            SELECT EXISTS (SELECT 1 FROM auth.mt_events WHERE data::text ILIKE '%' || $1 || '%')
                OR EXISTS (SELECT 1 FROM auth.mt_doc_account WHERE data::text ILIKE '%' || $1 || '%')
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
