using System.Text.Json.Nodes;

namespace Platform.Demo.Story;

public sealed partial class PlatformStory
{
    private async Task<string> AdminLogsInAsync()
    {
        var login = (await _http.SendAsync(HttpMethod.Post, new Uri(endpoints.Auth, "/v1/admin/login"), null,
            body: new { email = cast.AdminEmail, password = cast.AdminPassword })).Expect("admin login");
        var token = login.Json["accessToken"]!.GetValue<string>();
        _facts.Admin = TokenClaims.Read(token);
        Say($"admin login (local account, never LDAP): access token for {_facts.Admin}");
        return token;
    }

    private async Task ConfiguresAndSyncsAsync(string admin)
    {
        var flow = Begin(Flows.Sync);
        var settings = cast.DirectorySettings.DeepClone().AsObject();
        // The story asks for the sync itself, in its own trace; the schedule would start one on its own.
        settings["automaticSync"] = false;
        var saved = (await _http.SendAsync(HttpMethod.Put, Domain(endpoints.DirectorySync, "/directory"), flow, admin, settings)).Expect("saving the directory settings");
        var view = saved.Json["settings"]!;
        Say($"directory saved: {view["kind"]} {view["host"]}:{view["port"]} ({view["security"]}), base {view["baseDn"]}, "
            + $"service account {view["bindDn"]} (its password stored encrypted: {saved.Json["hasBindPassword"]}), version {saved.Json["version"]}");

        var accepted = (await _http.SendAsync(HttpMethod.Post, Domain(endpoints.DirectorySync, "/directory/sync"), flow, admin)).Expect("asking for a sync");
        var runId = accepted.Json["runId"]!.GetValue<Guid>();
        var run = await AwaitAsync($"sync {runId}",
            async () => (await _http.GetAsync(Domain(endpoints.DirectorySync, $"/directory/syncs/{runId}?limit=1"), admin)).Json["run"]!,
            r => r["status"]!.GetValue<string>() is "completed" or "failed");
        var counts = run["counts"];
        _facts.Sync = new SyncOutcome(runId, run["status"]!.GetValue<string>(), counts?["users"]?.GetValue<int>() ?? 0, counts?["added"]?.GetValue<int>() ?? 0);
        Say($"sync {runId} {_facts.Sync.Status}: {_facts.Sync.Users} users read, {_facts.Sync.Added} added"
            + (run["error"] is JsonObject error ? $" ({error["code"]}: {error["message"]})" : ""));
        if (_facts.Sync.Status != "completed")
        {
            throw new StoryException($"The sync failed: {run.ToJsonString()}");
        }

        var users = (await _http.GetAsync(Domain(endpoints.DirectorySync, "/users?source=directory&limit=500"), admin)).Expect("the managed list");
        _facts.Discovered = [.. users.Json["users"]!.AsArray().Select(u => u!["email"]!.GetValue<string>())];
        Say($"managed list: {_facts.Discovered.Count} users discovered from the directory ({string.Join(", ", _facts.Discovered.Take(6))}"
            + (_facts.Discovered.Count > 6 ? ", …)" : ")"));
        Traced(flow);
    }

    /// <summary>The first active directory user who was neither welcomed nor enrolled yet (so a demo can be played again).</summary>
    private async Task<string> FreshUserAsync(string admin)
    {
        var users = (await _http.GetAsync(Domain(endpoints.DirectorySync, "/users?source=directory&status=active&limit=500"), admin)).Json["users"]!.AsArray();
        foreach (var user in users.Where(u => u!["directory"]?["state"]?.GetValue<string>() == "active"))
        {
            var email = user!["email"]!.GetValue<string>();
            var report = await _http.GetAsync(Domain(endpoints.Reporting, $"/users/{email}/report"), admin);
            var mails = await _http.GetAsync(Domain(endpoints.Notifications, $"/users/{email}/notifications"), admin);
            if (report.Code == "not_enrolled" && mails.Ok && mails.Json["notifications"]!.AsArray().Count == 0)
            {
                return email;
            }
        }

        throw new StoryException($"Every active user of {cast.Domain} has had a first spam already: the story needs a fresh one.");
    }
}
