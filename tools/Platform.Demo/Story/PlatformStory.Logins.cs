using System.Net;
using OtpNet;

namespace Platform.Demo.Story;

public sealed partial class PlatformStory
{
    private async Task<string> LogsInWithLinkAsync(string link)
    {
        var flow = Begin(Flows.LinkLogin);
        var answer = await _http.SendAsync(HttpMethod.Post, new Uri(endpoints.Auth, "/v1/login/link"), flow, body: new { token = link });
        _facts.LinkLogin = Outcome(answer);
        Say($"POST /v1/login/link → {_facts.LinkLogin}");
        Traced(flow);
        return answer.Expect("logging in with the link").Json["accessToken"]!.GetValue<string>();
    }

    private async Task<Authenticator> EnrollsSecondFactorAsync(string session)
    {
        var flow = Begin(Flows.SecondFactor);
        var started = (await _http.SendAsync(HttpMethod.Post, new Uri(endpoints.Auth, "/v1/me/totp"), flow, session)).Expect("starting TOTP enrollment");
        var secret = Base32Encoding.ToBytes(started.Json["secret"]!.GetValue<string>());
        var authenticator = new Authenticator(secret);
        Say("POST /v1/me/totp → a secret and an otpauth:// URI for the authenticator app (the secret is stored encrypted; not shown here)");
        var confirmed = (await _http.SendAsync(HttpMethod.Post, new Uri(endpoints.Auth, "/v1/me/totp/confirm"), flow, session,
            new { code = authenticator.NextCode() })).Expect("confirming TOTP");
        _facts.RecoveryCodes = confirmed.Json["recoveryCodes"]!.AsArray().Count;
        Say($"POST /v1/me/totp/confirm with the app's first code → second factor on, {_facts.RecoveryCodes} single-use recovery codes (not shown)");
        Traced(flow);
        return authenticator;
    }

    private async Task LogsInWithPasswordAndCodeAsync(string admin, Authenticator authenticator)
    {
        var flow = Begin(Flows.Login);
        _facts.LoginWithoutCode = await PasswordLoginAsync(flow, null);
        Say($"POST /v1/login with the directory password alone → {_facts.LoginWithoutCode}");
        _facts.LoginWithCode = await PasswordLoginAsync(flow, authenticator.NextCode());
        Say($"POST /v1/login with the directory password and a code → {_facts.LoginWithCode}");
        if (_facts.LoginWithCode.Status != HttpStatusCode.OK)
        {
            throw new StoryException($"The login with password and code was refused: {_facts.LoginWithCode}.");
        }

        var listed = await AwaitAsync($"{_facts.User}'s login in the managed list",
            () => _http.GetAsync(Domain(endpoints.DirectorySync, $"/users/{_facts.User}"), admin),
            a => a.Ok && a.Json["lastLogin"] is not null);
        _facts.ListedSource = listed.Json["source"]!.GetValue<string>();
        _facts.LastLogin = listed.Json["lastLogin"]!.GetValue<DateTimeOffset>();
        Say($"LoginSucceeded → directory-sync's managed list: {_facts.User} (source {_facts.ListedSource}, status {listed.Json["status"]}) last logged in {_facts.LastLogin:u}");
        Traced(flow);
    }

    private async Task DeactivatesAsync(string admin, Authenticator authenticator)
    {
        var flow = Begin(Flows.Deactivation);
        var patched = (await _http.SendAsync(HttpMethod.Patch, Domain(endpoints.DirectorySync, $"/users/{_facts.User}"), flow, admin,
            new { status = "inactive" })).Expect("deactivating the user");
        _facts.StatusAfterDeactivation = patched.Json["status"]!.GetValue<string>();
        Say($"PATCH .../users/{_facts.User} {{status: inactive}} → {_facts.StatusAfterDeactivation}; UserDeactivated goes to auth");
        Traced(flow);

        // Without a code a login of an active user stops at mfa_required and records nothing: a harmless probe for
        // the moment auth has learned of the deactivation — every 1.5 s, well below auth's 60 attempts a minute per client.
        var refused = Begin(Flows.RefusedLogin);
        await AwaitAsync("auth refusing the deactivated user", () => PasswordLoginAsync(refused, null), o => o.Code == "inactive", TimeSpan.FromSeconds(1.5));
        _facts.LoginAfterDeactivation = await PasswordLoginAsync(refused, authenticator.NextCode());
        Say($"POST /v1/login with the right password and a fresh code → {_facts.LoginAfterDeactivation}");
        Traced(refused);
    }

    private async Task<LoginOutcome> PasswordLoginAsync(Flow flow, string? code) =>
        Outcome(await _http.SendAsync(HttpMethod.Post, new Uri(endpoints.Auth, "/v1/login"), flow,
            body: new { email = _facts.User, password = cast.UserPassword, code }));

    private static LoginOutcome Outcome(Answer answer) =>
        new(answer.Status, answer.Code, answer.Ok ? TokenClaims.Read(answer.Json["accessToken"]!.GetValue<string>()) : null);
}
