using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OpenQA.Selenium;
using Platform.Testing;

namespace Platform.Panel.Tests;

/// <summary>What the browser tests do besides Browser: sign in as an admin, choose in a list, tick a box.</summary>
internal static class AdminPages
{
    public static void Choose(Browser browser, string selectId, string value) =>
        browser.Driver.FindElement(By.CssSelector($"#{selectId} option[value='{value}']")).Click();

    public static void Tick(Browser browser, string id, bool ticked)
    {
        var box = browser.Driver.FindElement(By.Id(id));
        if (box.Selected != ticked)
        {
            box.Click();
        }
    }

    /// <summary>Scrolls <paramref name="id"/> to the top of the window, for a screenshot of what lies below the fold.</summary>
    public static void ScrollTo(Browser browser, string id) =>
        ((IJavaScriptExecutor)browser.Driver).ExecuteScript("arguments[0].scrollIntoView();", browser.Driver.FindElement(By.Id(id)));

    public static string TextOf(Browser browser, string id) => browser.Driver.FindElement(By.Id(id)).Text;

    public static string ValueOf(Browser browser, string id) => browser.Driver.FindElement(By.Id(id)).GetAttribute("value") ?? "";

    /// <summary>A CA certificate that did not sign the directory's certificate.</summary>
    /// <summary>The directory form filled in for the domain's LDAP subtree over STARTTLS, with a CA that did not sign its certificate.</summary>
    public static void FillWithOtherCa(Browser browser, TestDomain domain)
    {
        browser.Fill("host", LdapSubtree.Host);
        browser.Fill("port", LdapSubtree.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Choose(browser, "security", "starttls");
        browser.Fill("ca", OtherCaPem());
        browser.Fill("bind-dn", domain.Ldap.ServiceDn);
        browser.Fill("bind-password", domain.Ldap.ServicePassword);
        browser.Fill("base-dn", domain.Ldap.BaseDn);
        Tick(browser, "automatic-sync", false);
    }

    public static string OtherCaPem()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Not the directory's CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return certificate.ExportCertificatePem();
    }
}
