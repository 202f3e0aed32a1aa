using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Platform.Testing;

namespace Platform.Panel.Tests;

/// <summary>
/// A domain of the test's own on the running services, set up through their public APIs as an admin would: its
/// directory (an LDAP subtree of the test's own) saved at directory-sync and synced, so auth and the other services
/// know its users.
/// </summary>
public sealed partial class TestDomain : IAsyncDisposable
{
    private readonly RunningPanel _platform;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private string _admin = "";

    private TestDomain(RunningPanel platform, LdapSubtree ldap, string name, string password)
    {
        _platform = platform;
        Ldap = ldap;
        Name = name;
        Password = password;
    }

    public string Name { get; }

    /// <summary>Every user's directory password.</summary>
    public string Password { get; }

    public LdapSubtree Ldap { get; }

    /// <summary>The domain with <paramref name="uids"/> as active directory users (mail <c>uid@domain</c>), synced.</summary>
    public static async Task<TestDomain> CreateAsync(RunningPanel platform, params string[] uids)
    {
        var domain = new TestDomain(platform, await LdapSubtree.CreateAsync(), $"panel-{Guid.NewGuid():N}"[..14] + ".example",
            "directory password " + Guid.NewGuid().ToString("N")[..8]);
        foreach (var uid in uids)
        {
            await domain.Ldap.AddUserAsync(uid, domain.Address(uid), disabled: false, password: domain.Password);
        }

        await domain.SyncAsync();
        return domain;
    }

    public string Address(string uid) => $"{uid}@{Name}";

    /// <summary>The filter quarantines a first spam for the user; the welcome mail's login link, as the mail has it.</summary>
    public async Task<Uri> WelcomeLinkAsync(string uid)
    {
        var email = Address(uid);
        await RawRabbitMq.PublishAsync(_platform.Bus.Name, "SpamQuarantined", Guid.NewGuid(),
            RawRabbitMq.SpamQuarantined(Name, email, "panel-" + Guid.NewGuid().ToString("N")[..10]));
        var mails = await Eventually.Get(() => Task.FromResult(SinkMail.To(email, _platform.Sink.MailDir)), m => m.Count > 0, TimeSpan.FromSeconds(90));
        var welcome = mails.FirstOrDefault() ?? throw new InvalidOperationException($"No welcome mail for {email}.\n{_platform.Logs()}");
        var link = LoginLink().Match(welcome.Text);
        return link.Success ? new Uri(link.Value) : throw new InvalidOperationException("The welcome mail has no login link.");
    }

    /// <summary>The user's platform access token from auth's <c>POST /v1/login</c>, once auth knows the domain's directory.</summary>
    public async Task<string> UserTokenAsync(string uid)
    {
        var answer = await Eventually.Get(
            () => _http.PostAsJsonAsync(new Uri(_platform.Auth, "/v1/login"), new { email = Address(uid), password = Password }),
            r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        var body = await Json(answer, $"{uid}'s login");
        return body["accessToken"]!.GetValue<string>();
    }

    /// <summary>Turns the user's second factor on through auth's API; their authenticator app.</summary>
    public async Task<Authenticator> EnrollTotpAsync(string uid)
    {
        var token = await UserTokenAsync(uid);
        var started = await Json(await SendAsync(HttpMethod.Post, new Uri(_platform.Auth, "/v1/me/totp"), token), "starting TOTP");
        var authenticator = new Authenticator(Base32(started["secret"]!.GetValue<string>()));
        await Json(await SendAsync(HttpMethod.Post, new Uri(_platform.Auth, "/v1/me/totp/confirm"), token, new { code = authenticator.NextCode() }), "confirming TOTP");
        return authenticator;
    }

    /// <summary>The user's report as reporting's API shows it to the domain's admin.</summary>
    public async Task<JsonObject> ReportAsync(string uid) =>
        await Json(await SendAsync(HttpMethod.Get, DomainUri(_platform.Reporting, $"/users/{Address(uid)}/report"), _admin), "the report");

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Ldap.DisposeAsync();
    }

    /// <summary>Saves the domain's directory settings through directory-sync's API (no automatic sync).</summary>
    public async Task SaveDirectoryAsync(JsonObject settings)
    {
        settings["automaticSync"] = false;
        await Json(await SendAsync(HttpMethod.Put, DomainUri(_platform.DirectorySync, "/directory"), _admin, settings), "saving the directory");
    }

    private async Task SyncAsync()
    {
        var login = await _http.PostAsJsonAsync(new Uri(_platform.Auth, "/v1/admin/login"),
            new { email = Infrastructure.Get("Auth:Admin:Email"), password = Infrastructure.Get("Auth:Admin:Password") });
        _admin = (await Json(login, "the admin's login"))["accessToken"]!.GetValue<string>();
        await SaveDirectoryAsync(Ldap.Settings());
        var accepted = await Json(await SendAsync(HttpMethod.Post, DomainUri(_platform.DirectorySync, "/directory/sync"), _admin), "asking for a sync");
        var runId = accepted["runId"]!.GetValue<Guid>();
        var run = await Eventually.Get(
            async () => (await Json(await SendAsync(HttpMethod.Get, DomainUri(_platform.DirectorySync, $"/directory/syncs/{runId}?limit=1"), _admin), "the sync"))["run"]!,
            r => r["status"]!.GetValue<string>() is "completed" or "failed", TimeSpan.FromSeconds(90));
        if (run["status"]!.GetValue<string>() != "completed")
        {
            throw new InvalidOperationException($"The sync did not complete: {run.ToJsonString()}");
        }
    }

    private Uri DomainUri(Uri service, string path) => new(service, $"/v1/domains/{Name}{path}");

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _http.SendAsync(request);
    }

    private async Task<JsonObject> Json(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(text)!.AsObject()
            : throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {text}\n{_platform.Logs()}");
    }

    public static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(text.TrimEnd('=').ToUpperInvariant().Select(c => Convert.ToString(alphabet.IndexOf(c), 2).PadLeft(5, '0')));
        return [.. Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2))];
    }

    [GeneratedRegex(@"https?://[^\s?""<>]+\?token=[A-Za-z0-9_\-]+")]
    private static partial Regex LoginLink();
}
