using Platform.Panel.Pages.Admin.Directory;
using Platform.Panel.Texts;
using Platform.Testing;
using Xunit;
using static Platform.Panel.Tests.AdminPages;

namespace Platform.Panel.Tests;

/// <summary>
/// A domain admin whose browser speaks German saves directory settings with a CA that did not sign the directory's
/// certificate and removals never held: Save &amp; test says the failure, with the certificate's issuer, and its hint in the
/// panel's German words, and the saved settings' warning too — not directory-sync's English.
/// </summary>
[Collection(PanelCollection.Name)]
public sealed class Testing_the_directory_in_german(RunningPanel platform)
{
    [Fact]
    public async Task Save_and_test_says_a_wrong_ca_its_hint_and_a_settings_warning_in_german()
    {
        await using var domain = await TestDomain.CreateWithoutDirectoryAsync(platform, "ute");
        var (email, password) = await domain.CreateDomainAdminAsync();
        using var browser = new Browser("de");
        browser.SignInAsAdmin(platform, email, password);

        browser.Open(new Uri(platform.Panel, $"/admin/{domain.Name}/directory"));
        Choose(browser, "kind", "openLdap");
        browser.Click("apply-preset");
        FillWithOtherCa(browser, domain);
        browser.Fill("deletion-threshold", "100");
        browser.Click("save-and-test");

        Assert.True(browser.Has("saved"), $"Saved: {browser.Text}\n{platform.Logs()}");
        // The words of the case with the values directory-sync sent: the certificate's subject and its issuer.
        var message = TextOf(browser, "test-message");
        Assert.StartsWith("Dem Zertifikat des Servers (", message, StringComparison.Ordinal);
        using var directorysCa = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(Infrastructure.Get("Ldap:CaCertificatePath")));
        Assert.EndsWith($"Es wurde von {directorysCa.Subject} ausgestellt, dem die Plattform für dieses Verzeichnis nicht vertraut.", message, StringComparison.Ordinal);
        Assert.Equal(
            PanelTexts.Text("de", "Directory.Hint") + ": " + PanelTexts.Text("de", DirectoryFailureWords.Hint + "tls_failure"),
            TextOf(browser, "test-hint"));
        Assert.Contains("Zertifizierungsstelle", TextOf(browser, "test-hint"), StringComparison.Ordinal);
        Assert.Equal(PanelTexts.Text("de", DirectoryFailureWords.Warning + "deletion_guard_off"), TextOf(browser, "warning-deletion_guard_off"));
        Assert.Contains("nie zurückgehalten", TextOf(browser, "warning-deletion_guard_off"), StringComparison.Ordinal);
        Assert.Contains("Eine IP-Adresse: nichts aufzulösen.", TextOf(browser, "step-resolve"), StringComparison.Ordinal);
        Assert.Contains("Verbunden mit 127.0.0.1:", TextOf(browser, "step-connect"), StringComparison.Ordinal);
        Assert.EndsWith(message, TextOf(browser, "step-tls"), StringComparison.Ordinal);
        Assert.DoesNotContain("is not trusted", browser.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("connected to", browser.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(domain.Ldap.ServicePassword, browser.Driver.PageSource, StringComparison.Ordinal);
        ScrollTo(browser, "test-result");
        browser.Screenshot("24a-directory-test-steps-de");
        ScrollTo(browser, "test-failure");
        browser.Screenshot("24b-directory-test-failure-de");
    }
}
