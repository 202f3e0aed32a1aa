namespace Platform.Panel.Tests;

/// <summary>A person without a second factor signs in: an admin at <c>/admin/signin</c>, an email user at <c>/signin</c>.</summary>
public static class SigningIn
{
    public static void SignInAsAdmin(this Browser browser, RunningPanel platform, string email, string password) =>
        SignIn(browser, platform, "/admin/signin", email, password, url => url == new Uri(platform.Panel, "/admin"));

    public static void SignInAsUser(this Browser browser, RunningPanel platform, string email, string password) =>
        SignIn(browser, platform, "/signin", email, password, url => url.AbsolutePath != "/signin");

    private static void SignIn(Browser browser, RunningPanel platform, string page, string email, string password, Func<Uri, bool> signedIn)
    {
        browser.Open(new Uri(platform.Panel, page));
        browser.Fill("email", email);
        browser.Fill("password", password);
        browser.Click("sign-in");
        if (!signedIn(new Uri(browser.Url)))
        {
            throw new InvalidOperationException($"{email} is not signed in: {browser.Url} {browser.Text}\n{platform.Logs()}");
        }
    }
}
