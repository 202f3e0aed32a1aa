using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OtpNet;
using Platform.Auth.Mfa;
using Platform.Auth.Tests.Login;
using Platform.Security;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.Auth.Tests.Admins;

/// <summary>
/// Admins may turn on TOTP as email users do; a setting makes it mandatory for platform admins, who then get, for the
/// right password alone, a token that enrolls an authenticator and opens nothing else.
/// </summary>
public sealed class Using_a_second_factor_as_an_admin : IAsyncLifetime
{
    private const string RootPassword = AdminHost.RootPassword;
    private const string DanaPassword = "dana's password 22";
    private AdminHost _auth = null!;

    public async Task InitializeAsync() => _auth = await AdminHost.StartAsync(("Auth:Admin:RequireTotpForPlatformAdmins", "true"));

    public async Task DisposeAsync() => await _auth.DisposeAsync();

    [Fact]
    public async Task Lets_a_platform_admin_without_totp_only_enroll_and_read_its_state_and_then_asks_for_the_code()
    {
        var first = await LoginAsync("root@platform.example", RootPassword);
        var enrolling = await TokenAsync(first);
        using var asEnrolling = Client(enrolling);
        var accounts = await asEnrolling.GetAsync("/v1/admin/accounts");
        var before = await asEnrolling.GetFromJsonAsync<JsonNode>("/v1/admin/me/totp");
        var secret = Base32Encoding.ToBytes((await (await asEnrolling.PostAsync("/v1/admin/me/totp", null)).Content.ReadFromJsonAsync<JsonNode>())!["secret"]!.GetValue<string>());
        var step = TotpCodes.Step(DateTimeOffset.UtcNow);
        var confirmed = await asEnrolling.PostAsJsonAsync("/v1/admin/me/totp/confirm", new { code = TotpCodes.Compute(secret, step) });
        var noCode = await LoginAsync("root@platform.example", RootPassword);
        var wrongCode = await LoginAsync("root@platform.example", RootPassword, "000000");
        var withCode = await LoginAsync("root@platform.example", RootPassword, TotpCodes.Compute(secret, step + 1));
        var root = await TokenAsync(withCode);
        using var asRoot = Client(root);
        var after = await asRoot.GetFromJsonAsync<JsonNode>("/v1/admin/me/totp");
        var disable = await asRoot.PostAsJsonAsync("/v1/admin/me/totp/disable", new { code = TotpCodes.Compute(secret, step + 1) });

        Assert.True(JsonNode.Parse(await first.Content.ReadAsStringAsync())!["mfaEnrollmentRequired"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Forbidden, accounts.StatusCode);
        Assert.Equal("""{"enabled":false,"enrollmentPending":false,"recoveryCodesLeft":0,"required":true}""", before!.ToJsonString());
        Assert.Equal("""{"enabled":true,"enrollmentPending":false,"recoveryCodesLeft":10,"required":true}""", after!.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, "mfa_required"), (noCode.StatusCode, await Problems.CodeAsync(noCode)));
        Assert.Equal((HttpStatusCode.Unauthorized, "mfa_invalid"), (wrongCode.StatusCode, await Problems.CodeAsync(wrongCode)));
        using var validator = new PlatformTokenValidator(PlatformTokenOptions.FromConfiguration(Infrastructure.Configuration));
        var principal = (await validator.ValidateAsync(root)).Principal!;
        Assert.Equal(PlatformRoles.PlatformAdmin, principal.FindFirst(PlatformClaims.Role)!.Value);
        Assert.Equal(["pwd", "otp"], principal.FindAll(PlatformClaims.AuthenticationMethods).Select(c => c.Value));
        Assert.Equal((HttpStatusCode.Conflict, "totp_required"), (disable.StatusCode, await Problems.CodeAsync(disable)));
    }

    [Fact]
    public async Task Leaves_totp_optional_for_a_domain_admin_who_may_turn_it_on_and_off_and_read_its_state()
    {
        await CreateDanaAsync();
        var plain = JsonNode.Parse(await (await LoginAsync("dana@mfa-admins.example", DanaPassword)).Content.ReadAsStringAsync())!;
        using var asDana = Client(plain["accessToken"]!.GetValue<string>());
        var secret = Base32Encoding.ToBytes((await (await asDana.PostAsync("/v1/admin/me/totp", null)).Content.ReadFromJsonAsync<JsonNode>())!["secret"]!.GetValue<string>());
        var step = TotpCodes.Step(DateTimeOffset.UtcNow);
        var pending = await asDana.GetFromJsonAsync<JsonNode>("/v1/admin/me/totp");
        (await asDana.PostAsJsonAsync("/v1/admin/me/totp/confirm", new { code = TotpCodes.Compute(secret, step) })).EnsureSuccessStatusCode();
        var noCode = await LoginAsync("dana@mfa-admins.example", DanaPassword);
        var on = await asDana.GetFromJsonAsync<JsonNode>("/v1/admin/me/totp");
        var disable = await asDana.PostAsJsonAsync("/v1/admin/me/totp/disable", new { code = TotpCodes.Compute(secret, step + 1) });
        var afterDisable = await LoginAsync("dana@mfa-admins.example", DanaPassword);

        Assert.Null(plain["mfaEnrollmentRequired"]);
        Assert.Equal("""{"enabled":false,"enrollmentPending":true,"recoveryCodesLeft":0,"required":false}""", pending!.ToJsonString());
        Assert.Equal("""{"enabled":true,"enrollmentPending":false,"recoveryCodesLeft":10,"required":false}""", on!.ToJsonString());
        Assert.Equal((HttpStatusCode.Unauthorized, "mfa_required"), (noCode.StatusCode, await Problems.CodeAsync(noCode)));
        Assert.Equal(HttpStatusCode.NoContent, disable.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterDisable.StatusCode);
    }

    [Fact]
    public async Task Counts_wrong_codes_to_confirm_or_disable_as_an_email_users_and_then_takes_none_for_a_while()
    {
        await CreateDanaAsync();
        var plain = JsonNode.Parse(await (await LoginAsync("dana@mfa-admins.example", DanaPassword)).Content.ReadAsStringAsync())!;
        using var asDana = Client(plain["accessToken"]!.GetValue<string>());
        var secret = Base32Encoding.ToBytes((await (await asDana.PostAsync("/v1/admin/me/totp", null)).Content.ReadFromJsonAsync<JsonNode>())!["secret"]!.GetValue<string>());
        var step = TotpCodes.Step(DateTimeOffset.UtcNow);
        var wrong = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            wrong.Add(await Problems.CodeAsync(await asDana.PostAsJsonAsync("/v1/admin/me/totp/confirm", new { code = WrongCode(secret, step) })));
        }

        var rightAfterwards = await asDana.PostAsJsonAsync("/v1/admin/me/totp/confirm", new { code = TotpCodes.Compute(secret, step) });

        Assert.All(wrong, code => Assert.Equal("mfa_invalid", code));
        Assert.Equal((HttpStatusCode.TooManyRequests, "mfa_attempts_exceeded"), (rightAfterwards.StatusCode, await Problems.CodeAsync(rightAfterwards)));
        Assert.True(rightAfterwards.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    private async Task CreateDanaAsync()
    {
        using var admin = _auth.Host.CreateClient().As(PlatformTokenRequest.PlatformAdmin("root@platform.example"));
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/admin/accounts",
            new { email = "dana@mfa-admins.example", password = DanaPassword, role = "domain-admin", domains = new[] { "mfa-admins.example" } })).StatusCode);
    }

    /// <summary>A code that none of the steps around <paramref name="step"/> has.</summary>
    private static string WrongCode(byte[] secret, long step)
    {
        var near = Enumerable.Range(-2, 5).Select(d => TotpCodes.Compute(secret, step + d)).ToHashSet();
        return Enumerable.Range(0, 100).Select(n => n.ToString("000000", System.Globalization.CultureInfo.InvariantCulture)).First(c => !near.Contains(c));
    }

    private HttpClient Client(string token)
    {
        var client = _auth.Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    private static async Task<string> TokenAsync(HttpResponseMessage login)
    {
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return JsonNode.Parse(await login.Content.ReadAsStringAsync())!["accessToken"]!.GetValue<string>();
    }

    private Task<HttpResponseMessage> LoginAsync(string email, string password, string? code = null) => _auth.LoginAsync(email, password, code);
}
