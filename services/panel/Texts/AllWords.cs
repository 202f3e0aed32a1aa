using System.Collections.Frozen;

namespace Platform.Panel.Texts;

/// <summary>Every feature's words, merged once; a key given by two features is a mistake found at start-up.</summary>
internal static class AllWords
{
    private static readonly Words[] Features =
    [
        new(English.Words, German.Words),
        Pages.Admin.AdminWords.Set,
        Pages.Admin.Users.UsersWords.Set,
        Pages.Admin.Users.AdminProblemWords.Set,
        Pages.PlatformAdmin.PlatformWords.Set,
        Pages.Admin.Settings.SettingsWords.Set,
        Pages.Admin.Settings.SettingsFieldWords.Set,
        Pages.Account.TwoStep.TwoStepWords.Set,
        Pages.Admin.Me.MyAccountWords.Set,
        Pages.Login.LinkPeekWords.Set,
        Pages.Account.Mails.MailsWords.Set,
        Pages.ReportPreferencesWords.Set,
        Pages.Admin.Directory.DirectoryWords.Set,
        Pages.Admin.Directory.DirectoryFieldWords.Set,
        Pages.Admin.Directory.DirectoryFailureWords.Set,
        Pages.Admin.Syncs.SyncWords.Set,
        Sessions.SessionWords.Set,
    ];

    public static readonly FrozenDictionary<string, string> InEnglish = Merge(w => w.English);

    public static readonly FrozenDictionary<string, string> InGerman = Merge(w => w.German);

    private static FrozenDictionary<string, string> Merge(Func<Words, IReadOnlyDictionary<string, string>> language)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, text) in Features.SelectMany(language))
        {
            if (!merged.TryAdd(key, text))
            {
                throw new InvalidOperationException($"The panel's text key '{key}' is given twice.");
            }
        }

        return merged.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
