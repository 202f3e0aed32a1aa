using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Platform.Auth.Mfa;
using Platform.Auth.Tests.Login;
using Platform.Testing;
using Xunit;

namespace Platform.Auth.Tests.Mfa;

public sealed class Limiting_second_factor_codes : IAsyncLifetime
{
    private const string Email = "otto@mfa-limit.example";
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private DirectoryLoginHost _auth = null!;

    public async Task InitializeAsync()
    {
        _auth = await DirectoryLoginHost.StartAsync("mfa-limit.example", host => host.WithServices(s => s.AddSingleton<TimeProvider>(_clock)));
        await _auth.AddUserAsync("otto");
        await _auth.PublishDirectoryAsync();
    }

    public async Task DisposeAsync() => await _auth.DisposeAsync();

    [Fact]
    public async Task Refuses_even_the_right_code_to_confirm_after_five_wrong_ones_until_the_window_has_passed()
    {
        using var otto = await SignedInAsync();
        var secret = await EnrollAsync(otto);

        var wrong = await PostManyAsync(otto, "/v1/me/totp/confirm", 5);
        var limited = await otto.PostAsJsonAsync("/v1/me/totp/confirm", new { code = Code(secret) });
        _clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var later = await otto.PostAsJsonAsync("/v1/me/totp/confirm", new { code = Code(secret) });

        Assert.All(wrong, r => Assert.Equal((HttpStatusCode.BadRequest, "mfa_invalid"), r));
        Assert.Equal((HttpStatusCode.TooManyRequests, "mfa_attempts_exceeded"), (limited.StatusCode, await Problems.CodeAsync(limited)));
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 900);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task Counts_wrong_codes_to_disable_over_all_the_users_sessions_and_keeps_the_second_factor_on()
    {
        using var first = await SignedInAsync();
        var secret = await EnrollAsync(first);
        (await first.PostAsJsonAsync("/v1/me/totp/confirm", new { code = Code(secret) })).EnsureSuccessStatusCode();
        _clock.Advance(TimeSpan.FromSeconds(30));
        using var second = await SignedInAsync(Code(secret));

        var wrong = (await PostManyAsync(first, "/v1/me/totp/disable", 3)).Concat(await PostManyAsync(second, "/v1/me/totp/disable", 2)).ToList();
        _clock.Advance(TimeSpan.FromSeconds(30));
        var limited = await first.PostAsJsonAsync("/v1/me/totp/disable", new { code = Code(secret) });
        var login = await _auth.LoginAsync(Email, DirectoryLoginHost.Password);

        Assert.All(wrong, r => Assert.Equal((HttpStatusCode.BadRequest, "mfa_invalid"), r));
        Assert.Equal((HttpStatusCode.TooManyRequests, "mfa_attempts_exceeded"), (limited.StatusCode, await Problems.CodeAsync(limited)));
        Assert.Equal((HttpStatusCode.Unauthorized, "mfa_required"), (login.StatusCode, await Problems.CodeAsync(login)));
    }

    private string Code(byte[] secret) => TotpCodes.Compute(secret, TotpCodes.Step(_clock.Now));

    private static async Task<byte[]> EnrollAsync(HttpClient user) =>
        Base32Encoding.ToBytes((await (await user.PostAsync("/v1/me/totp", null)).Content.ReadFromJsonAsync<JsonNode>())!["secret"]!.GetValue<string>());

    private static async Task<List<(HttpStatusCode, string?)>> PostManyAsync(HttpClient user, string path, int count)
    {
        var answers = new List<(HttpStatusCode, string?)>();
        for (var i = 0; i < count; i++)
        {
            var response = await user.PostAsJsonAsync(path, new { code = "000000" });
            answers.Add((response.StatusCode, await Problems.CodeAsync(response)));
        }

        return answers;
    }

    private async Task<HttpClient> SignedInAsync(string? code = null)
    {
        var login = await _auth.LoginAsync(Email, DirectoryLoginHost.Password, code);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var client = _auth.Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<JsonNode>())!["accessToken"]!.GetValue<string>());
        return client;
    }
}
