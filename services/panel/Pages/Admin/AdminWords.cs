namespace Platform.Panel.Pages.Admin;

/// <summary>The words of the admins' sign-in, home, nav and the page that refuses an admin page.</summary>
internal static class AdminWords
{
    public static readonly Texts.Words Set = new(
        English: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AdminSignIn.Title"] = "Sign in as an administrator",
            ["AdminSignIn.Link"] = "Sign in as an administrator",
            ["AdminSignIn.Intro"] = "Sign in with your administrator account of this platform (not your directory password).",
            ["AdminSignIn.UserInstead"] = "Sign in as an email user instead",
            ["AdminHome.Title"] = "Administration",
            ["AdminHome.DomainIntro"] = "The domains you administer:",
            ["AdminHome.PlatformIntro"] = "You administer the whole platform.",
            ["AdminHome.OpenDomain"] = "Open a domain",
            ["AdminHome.Open"] = "Open",
            ["AdminNav.Home"] = "Administration",
            ["AdminNav.Platform"] = "Platform",
            ["AdminNav.Directory"] = "Directory",
            ["AdminNav.Syncs"] = "Sync history",
            ["AdminDenied.Title"] = "Not for you",
            ["AdminDenied.Text"] = "This page is for the administrators of its domain. Sign in with an administrator account that may open it.",
        },
        German: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AdminSignIn.Title"] = "Als Administrator anmelden",
            ["AdminSignIn.Link"] = "Als Administrator anmelden",
            ["AdminSignIn.Intro"] = "Melden Sie sich mit Ihrem Administratorkonto dieser Plattform an (nicht mit dem Passwort Ihres Verzeichnisses).",
            ["AdminSignIn.UserInstead"] = "Stattdessen als E-Mail-Benutzer anmelden",
            ["AdminHome.Title"] = "Verwaltung",
            ["AdminHome.DomainIntro"] = "Die Domains, die Sie verwalten:",
            ["AdminHome.PlatformIntro"] = "Sie verwalten die ganze Plattform.",
            ["AdminHome.OpenDomain"] = "Eine Domain öffnen",
            ["AdminHome.Open"] = "Öffnen",
            ["AdminNav.Home"] = "Verwaltung",
            ["AdminNav.Platform"] = "Plattform",
            ["AdminNav.Directory"] = "Verzeichnis",
            ["AdminNav.Syncs"] = "Synchronisierungen",
            ["AdminDenied.Title"] = "Nicht für Sie",
            ["AdminDenied.Text"] = "Diese Seite ist für die Administratoren ihrer Domain. Melden Sie sich mit einem Administratorkonto an, das sie öffnen darf.",
        });
}
