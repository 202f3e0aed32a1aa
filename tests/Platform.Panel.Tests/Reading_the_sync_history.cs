using Platform.Panel.Pages.Admin.Directory;
using Platform.Panel.Texts;
using Platform.Testing;
using Xunit;
using static Platform.Panel.Tests.AdminPages;

namespace Platform.Panel.Tests;

/// <summary>
/// A domain admin presses Sync now and reads the run with each user it changed in the history; removals the deletion
/// guard held wait on the run's page until the admin confirms them.
/// </summary>
[Collection(PanelCollection.Name)]
public sealed class Reading_the_sync_history(RunningPanel platform)
{
    [Fact]
    public async Task Sync_now_shows_the_run_with_its_changes_in_the_history()
    {
        await using var domain = await TestDomain.CreateAsync(platform, "cleo", "dan");
        await domain.Ldap.AddUserAsync("eve", domain.Address("eve"), password: domain.Password);
        var (email, password) = await domain.CreateDomainAdminAsync();
        using var browser = new Browser();
        browser.SignInAsAdmin(platform, email, password);

        browser.Open(new Uri(platform.Panel, $"/admin/{domain.Name}/syncs"));
        Assert.Contains("Completed", TextOf(browser, "runs"), StringComparison.Ordinal);
        browser.Click("sync-now");
        var run = new Uri(browser.Url);
        Assert.Matches($"/admin/{domain.Name}/syncs/[0-9a-f-]{{36}}$", run.AbsolutePath);
        WaitUntilFinished(browser, run);

        Assert.Contains("Completed", TextOf(browser, "run-status"), StringComparison.Ordinal);
        Assert.Contains("3 users: 1 added", TextOf(browser, "run-counts"), StringComparison.Ordinal);
        Assert.Contains($"Added {domain.Address("eve")}", TextOf(browser, "changes"), StringComparison.Ordinal);
        browser.Screenshot("27-sync-run");

        browser.Open(new Uri(platform.Panel, $"/admin/{domain.Name}/syncs"));
        var history = TextOf(browser, "runs");
        Assert.Contains("Sync now", history, StringComparison.Ordinal);
        Assert.Contains("1 added", history, StringComparison.Ordinal);
        browser.Screenshot("28-sync-history");
    }

    [Fact]
    public async Task A_held_removal_waits_until_the_admin_confirms_it()
    {
        // Removing one of three users is above the default threshold (10 %): the sync holds the removal.
        await using var domain = await TestDomain.CreateAsync(platform, "finn", "gia", "hal");
        await domain.Ldap.DeleteAsync($"uid=hal,{domain.Ldap.BaseDn}");
        var (email, password) = await domain.CreateDomainAdminAsync();
        using var browser = new Browser();
        browser.SignInAsAdmin(platform, email, password);

        browser.Open(new Uri(platform.Panel, $"/admin/{domain.Name}/syncs"));
        browser.Click("sync-now");
        var run = new Uri(browser.Url);
        WaitUntilFinished(browser, run);
        Assert.Contains("Removals waiting for you: 1", TextOf(browser, "held"), StringComparison.Ordinal);
        Assert.Contains($"Removal held {domain.Address("hal")}", TextOf(browser, "changes"), StringComparison.Ordinal);
        ScrollTo(browser, "held");
        browser.Screenshot("29-sync-held-removal");

        browser.Click("confirm-removals");

        Assert.Contains("The held users were removed.", TextOf(browser, "decided"), StringComparison.Ordinal);
        Assert.Contains($"Confirmed by {email}", TextOf(browser, "held-decision"), StringComparison.Ordinal);
        Assert.Contains("Removals this sync held: 1", TextOf(browser, "held"), StringComparison.Ordinal);
        Assert.False(browser.Has("confirm-removals"), "A decided removal cannot be confirmed twice.");
        Assert.Contains($"Removed {domain.Address("hal")}", TextOf(browser, "changes"), StringComparison.Ordinal);
        browser.Screenshot("30-sync-removal-confirmed");
    }

    [Fact]
    public async Task A_failed_sync_says_its_error_with_the_service_account_in_german()
    {
        // With a wrong password the directory refuses the sync's bind: invalid_service_credentials with the bind DN.
        await using var domain = await TestDomain.CreateAsync(platform, "ida");
        var wrong = domain.Ldap.Settings();
        wrong["bindPassword"] = "wrong-password-Kd3!";
        await domain.SaveDirectoryAsync(wrong);
        var (email, password) = await domain.CreateDomainAdminAsync();
        using var browser = new Browser("de");
        browser.SignInAsAdmin(platform, email, password);

        browser.Open(new Uri(platform.Panel, $"/admin/{domain.Name}/syncs"));
        browser.Click("sync-now");
        var run = new Uri(browser.Url);
        WaitUntilFinished(browser, run);

        var refused = $"Das Verzeichnis hat das Dienstkonto {domain.Ldap.ServiceDn} abgelehnt.";
        Assert.Equal(PanelTexts.Text("de", "Syncs.Status.failed"), TextOf(browser, "run-status"));
        Assert.Equal(refused, TextOf(browser, "run-error-message"));
        Assert.Equal(
            PanelTexts.Text("de", "Directory.Hint") + ": " + PanelTexts.Text("de", DirectoryFailureWords.Hint + "invalid_service_credentials"),
            TextOf(browser, "run-error-hint"));
        Assert.DoesNotContain("rejected", browser.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password-Kd3!", browser.Driver.PageSource, StringComparison.Ordinal);
        browser.Screenshot("30a-sync-failed-de");

        browser.Open(new Uri(platform.Panel, $"/admin/{domain.Name}/syncs"));
        Assert.EndsWith(refused, TextOf(browser, "error-" + run.Segments[^1]), StringComparison.Ordinal);
        browser.Screenshot("30b-sync-history-failed-de");
    }

    /// <summary>The run's page says when it has not finished; the admin looks again until it has.</summary>
    private void WaitUntilFinished(Browser browser, Uri run)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (browser.Has("waiting"))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The sync did not finish: {browser.Text}\n{platform.Logs()}");
            }

            Thread.Sleep(250);
            browser.Open(run);
        }
    }
}
