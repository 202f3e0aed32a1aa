namespace Platform.Panel.Tests;

/// <summary>An admin without a second factor signs in at the panel's <c>/admin/signin</c>.</summary>
public static class AdminSignIn
{
    public static void SignInAsAdmin(this Browser browser, RunningPanel platform, string email, string password)
    {
        browser.Open(new Uri(platform.Panel, "/admin/signin"));
        browser.Fill("email", email);
        browser.Fill("password", password);
        browser.Click("sign-in");
        if (new Uri(browser.Url) != new Uri(platform.Panel, "/admin"))
        {
            throw new InvalidOperationException($"{email} is not signed in: {browser.Url} {browser.Text}\n{platform.Logs()}");
        }
    }
}
