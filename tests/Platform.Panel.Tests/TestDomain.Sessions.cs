using System.Net;
using System.Net.Http.Json;
using Platform.Testing;

namespace Platform.Panel.Tests;

/// <summary>Sessions ended elsewhere: an admin deactivating a user through directory-sync's API, and auth's session check.</summary>
public sealed partial class TestDomain
{
    /// <summary>The domain admin signs in at auth and sets the user inactive (directory-sync's <c>PATCH …/users/{email}</c>).</summary>
    public async Task DeactivateAsync((string Email, string Password) admin, string uid)
    {
        var login = await _http.PostAsJsonAsync(new Uri(_platform.Auth, "/v1/admin/login"), new { email = admin.Email, password = admin.Password });
        var token = (await Json(login, "the domain admin's login"))["accessToken"]!.GetValue<string>();
        await Json(await SendAsync(HttpMethod.Patch, DomainUri(_platform.DirectorySync, $"/users/{Address(uid)}"), token, new { status = "inactive" }),
            $"deactivating {uid}");
    }

    /// <summary>Waits (a precondition, with a deadline) until auth answers <c>session_ended</c> for the session of <paramref name="accessToken"/>.</summary>
    public async Task WaitUntilSessionEndedAsync(string accessToken, TimeSpan deadline)
    {
        var status = await Eventually.Get(async () =>
        {
            using var answer = await SendAsync(HttpMethod.Get, new Uri(_platform.Auth, "/v1/session"), accessToken);
            return answer.StatusCode;
        }, s => s == HttpStatusCode.Unauthorized, deadline);
        if (status != HttpStatusCode.Unauthorized)
        {
            throw new TimeoutException($"auth still answers {(int)status} for the session after {deadline}.\n{_platform.Logs()}");
        }
    }
}
