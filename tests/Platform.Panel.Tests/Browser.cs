using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Platform.Testing;

namespace Platform.Panel.Tests;

/// <summary>
/// Debian's Chromium, headless, driven through Debian's chromedriver by Selenium; saves a screenshot of each page a
/// test visits into <c>docs/panel/</c> (the pictures docs/panel.md shows).
/// </summary>
public sealed class Browser : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly ChromeDriver _driver;

    public Browser(string language = "en")
    {
        if (!File.Exists(Chromium) || !File.Exists("/usr/bin/chromedriver"))
        {
            throw new InvalidOperationException("Chromium and chromedriver are missing: ./platform infra up installs them (Debian packages chromium, chromium-driver).");
        }

        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1000,800", $"--lang={language}");
        options.AddUserProfilePreference("intl.accept_languages", language);
        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        _driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    public static string ScreenshotFolder => Path.Combine(RepositoryRoot.Path, "docs", "panel");

    public IWebDriver Driver => _driver;

    public string Url => _driver.Url;

    public string Text => _driver.FindElement(By.TagName("body")).Text;

    public void Open(Uri uri) => _driver.Navigate().GoToUrl(uri);

    public void Fill(string id, string value)
    {
        var field = _driver.FindElement(By.Id(id));
        field.Clear();
        field.SendKeys(value);
    }

    /// <summary>
    /// Clicks a button or radio; for a submit button, waits until the next page has replaced this one (a click
    /// returns before the browser has navigated, and the services may take a while under load).
    /// </summary>
    public void Click(string id)
    {
        var element = _driver.FindElement(By.Id(id));
        var submits = element.GetAttribute("type") == "submit";
        element.Click();
        if (submits)
        {
            WaitUntil(() => IsStale(element) && ((IJavaScriptExecutor)_driver).ExecuteScript("return document.readyState;") as string == "complete",
                $"the page after clicking {id}");
        }
    }

    public bool Has(string id) => _driver.FindElements(By.Id(id)).Count > 0;

    /// <summary>The session cookie as the page's JavaScript sees cookies: it must not be there.</summary>
    public string ScriptCookies => ((IJavaScriptExecutor)_driver).ExecuteScript("return document.cookie;") as string ?? "";

    public Cookie? Cookie(string name) => _driver.Manage().Cookies.GetCookieNamed(name);

    /// <summary>Saves the page as <c>docs/panel/&lt;name&gt;.png</c>.</summary>
    public void Screenshot(string name)
    {
        System.IO.Directory.CreateDirectory(ScreenshotFolder);
        _driver.GetScreenshot().SaveAsFile(Path.Combine(ScreenshotFolder, name + ".png"));
    }

    private static bool IsStale(IWebElement element)
    {
        try
        {
            _ = element.Enabled;
            return false;
        }
        catch (StaleElementReferenceException)
        {
            return true;
        }
        catch (UnknownErrorException e) when (e.Message.Contains("does not belong to the document", StringComparison.Ordinal))
        {
            // Chromium's answer when the page is replaced between finding the element and asking it: gone all the same.
            return true;
        }
    }

    private static void WaitUntil(Func<bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited 60 s for {what}.");
            }

            Thread.Sleep(50);
        }
    }

    public void Dispose()
    {
        _driver.Quit();
        _driver.Dispose();
    }
}
