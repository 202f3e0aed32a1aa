using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Auth.Tests.Login;
using Xunit;

namespace Platform.Auth.Tests.Admins;

/// <summary>
/// Local admin accounts have the life of accounts: a platform admin disables, enables and removes them; each admin
/// changes their own password; wrong passwords lock the account as they lock an email user's.
/// </summary>
public sealed class Managing_admin_accounts : IAsyncLifetime
{
    private const string RootPassword = AdminHost.RootPassword;
    private const string DanaPassword = "dana's password 22";
    private AdminHost _auth = null!;

    public async Task InitializeAsync()
    {
        _auth = await AdminHost.StartAsync(("Auth:Lockout:FailuresBeforeLock", "3"), ("Auth:Lockout:InitialLock", "00:10:00"));
        using var root = await AsAsync("root@platform.example", RootPassword);
        Assert.Equal(HttpStatusCode.Created, (await root.PostAsJsonAsync("/v1/admin/accounts",
            new { email = "dana@manage.example", password = DanaPassword, role = "domain-admin", domains = new[] { "manage.example" } })).StatusCode);
    }

    public async Task DisposeAsync() => await _auth.DisposeAsync();

    [Fact]
    public async Task Disables_an_admin_who_then_gets_no_token_until_enabled_again()
    {
        using var root = await AsAsync("root@platform.example", RootPassword);

        var disable = await root.PostAsync("/v1/admin/accounts/dana@manage.example/disable", null);
        var disabled = await LoginAsync("dana@manage.example", DanaPassword);
        var listed = await root.GetFromJsonAsync<JsonArray>("/v1/admin/accounts");
        var enable = await root.PostAsync("/v1/admin/accounts/dana@manage.example/enable", null);
        var enabled = await LoginAsync("dana@manage.example", DanaPassword);

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (disable.StatusCode, enable.StatusCode));
        Assert.Equal((HttpStatusCode.Forbidden, "inactive"), (disabled.StatusCode, await Problems.CodeAsync(disabled)));
        Assert.True(listed!.Single(a => a!["email"]!.GetValue<string>() == "dana@manage.example")!["disabled"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
    }

    [Fact]
    public async Task Ends_the_session_of_a_disabled_or_removed_admin_at_once_though_the_token_is_still_valid()
    {
        using var root = await AsAsync("root@platform.example", RootPassword);
        using var dana = await AsAsync("dana@manage.example", DanaPassword);

        using var live = await dana.GetAsync("/v1/session");
        await root.PostAsync("/v1/admin/accounts/dana@manage.example/disable", null);
        using var disabled = await dana.GetAsync("/v1/session");
        await root.PostAsync("/v1/admin/accounts/dana@manage.example/enable", null);
        using var enabled = await dana.GetAsync("/v1/session");
        await root.DeleteAsync("/v1/admin/accounts/dana@manage.example");
        using var removed = await dana.GetAsync("/v1/session");
        using var rootLive = await root.GetAsync("/v1/session");

        Assert.Equal(HttpStatusCode.NoContent, live.StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, "session_ended"), (disabled.StatusCode, await Problems.CodeAsync(disabled)));
        Assert.Equal(HttpStatusCode.NoContent, enabled.StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, "session_ended"), (removed.StatusCode, await Problems.CodeAsync(removed)));
        Assert.Equal(HttpStatusCode.NoContent, rootLive.StatusCode);
    }

    [Fact]
    public async Task Removes_an_admin_for_good_but_never_the_platform_admin_doing_it()
    {
        using var root = await AsAsync("root@platform.example", RootPassword);

        var remove = await root.DeleteAsync("/v1/admin/accounts/dana@manage.example");
        var removed = await LoginAsync("dana@manage.example", DanaPassword);
        var again = await root.DeleteAsync("/v1/admin/accounts/dana@manage.example");
        var self = await root.DeleteAsync("/v1/admin/accounts/root@platform.example");
        var selfDisable = await root.PostAsync("/v1/admin/accounts/Root@Platform.Example/disable", null);

        Assert.Equal(HttpStatusCode.NoContent, remove.StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_credentials"), (removed.StatusCode, await Problems.CodeAsync(removed)));
        Assert.Equal((HttpStatusCode.NotFound, "admin_not_found"), (again.StatusCode, await Problems.CodeAsync(again)));
        Assert.Equal((HttpStatusCode.Conflict, "own_account"), (self.StatusCode, await Problems.CodeAsync(self)));
        Assert.Equal((HttpStatusCode.Conflict, "own_account"), (selfDisable.StatusCode, await Problems.CodeAsync(selfDisable)));
    }

    [Fact]
    public async Task Keeps_account_management_to_platform_admins()
    {
        using var dana = await AsAsync("dana@manage.example", DanaPassword);

        var disable = await dana.PostAsync("/v1/admin/accounts/root@platform.example/disable", null);
        var remove = await dana.DeleteAsync("/v1/admin/accounts/root@platform.example");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (disable.StatusCode, remove.StatusCode));
    }

    [Fact]
    public async Task Changes_an_admins_own_password_with_the_current_one_and_the_same_rules_never_to_itself()
    {
        using var dana = await AsAsync("dana@manage.example", DanaPassword);

        var wrong = await dana.PostAsJsonAsync("/v1/admin/me/password", new { currentPassword = "not the password", newPassword = "a new password 33" });
        var weak = await dana.PostAsJsonAsync("/v1/admin/me/password", new { currentPassword = DanaPassword, newPassword = "short 1" });
        var same = await dana.PostAsJsonAsync("/v1/admin/me/password", new { currentPassword = DanaPassword, newPassword = DanaPassword });
        var control = await dana.PostAsJsonAsync("/v1/admin/me/password", new { currentPassword = DanaPassword, newPassword = "a new password\n33" });
        var changed = await dana.PostAsJsonAsync("/v1/admin/me/password", new { currentPassword = DanaPassword, newPassword = "a new password 33" });
        var old = await LoginAsync("dana@manage.example", DanaPassword);
        var fresh = await LoginAsync("dana@manage.example", "a new password 33");

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_credentials"), (wrong.StatusCode, await Problems.CodeAsync(wrong)));
        Assert.Equal((HttpStatusCode.BadRequest, "weak_password"), (weak.StatusCode, await Problems.CodeAsync(weak)));
        Assert.Equal((HttpStatusCode.BadRequest, "same_password"), (same.StatusCode, await Problems.CodeAsync(same)));
        // One a login would refuse (a control character is no password there) is not set either.
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_password"), (control.StatusCode, await Problems.CodeAsync(control)));
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task Locks_an_admin_after_wrong_passwords_so_even_the_right_one_waits()
    {
        using var dana = await AsAsync("dana@manage.example", DanaPassword);
        var wrongs = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            wrongs.Add(await LoginAsync("dana@manage.example", $"wrong password {i}!"));
        }

        var right = await LoginAsync("dana@manage.example", DanaPassword);
        var other = await LoginAsync("root@platform.example", RootPassword);
        var change = await dana.PostAsJsonAsync("/v1/admin/me/password", new { currentPassword = DanaPassword, newPassword = "a new password 44" });

        // The failure that locks the account says so at once.
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Locked], wrongs.Select(w => w.StatusCode));
        Assert.Equal((HttpStatusCode.Locked, "locked"), (right.StatusCode, await Problems.CodeAsync(right)));
        Assert.NotNull(right.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        // Changing the password with the right one waits too, and says how long.
        Assert.Equal((HttpStatusCode.Locked, "locked"), (change.StatusCode, await Problems.CodeAsync(change)));
        Assert.True(change.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    private Task<HttpResponseMessage> LoginAsync(string email, string password) => _auth.LoginAsync(email, password);

    private Task<HttpClient> AsAsync(string email, string password) => _auth.AsAsync(email, password);
}
