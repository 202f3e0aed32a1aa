using System.Globalization;
using Platform.Panel.Pages.Account.TwoStep;
using Platform.Panel.Texts;

namespace Platform.Panel.Pages.Admin.Me;

/// <summary>The words of an admin's own account page (its two-step part speaks <see cref="TwoStepWords"/>).</summary>
public static class MyAccountWords
{
    /// <summary>The panel's own refusal: the new password typed twice differently (auth is not asked).</summary>
    public const string Mismatch = "password_mismatch";

    public static readonly Words Set = new(
        English: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["MyAccount.Title"] = "My account",
            ["MyAccount.PasswordTitle"] = "Password",
            ["MyAccount.CurrentPassword"] = "Current password",
            ["MyAccount.NewPassword"] = "New password",
            ["MyAccount.NewPasswordAgain"] = "New password again",
            ["MyAccount.PasswordRule"] = "At least 12 characters.",
            ["MyAccount.ChangePassword"] = "Change password",
            ["MyAccount.PasswordChanged"] = "Your password is changed. Sign in with the new one from now on.",
            ["MyAccount.Refused.invalid_credentials"] = "The current password is not right. Your password is unchanged.",
            ["MyAccount.Refused.weak_password"] = "The new password is too short: it needs at least 12 characters.",
            ["MyAccount.Refused.invalid_password"] = "The new password may not contain control characters such as a line break.",
            ["MyAccount.Refused.same_password"] = "The new password is your current one. Choose another.",
            ["MyAccount.Refused.password_mismatch"] = "The two new passwords are not the same. Type it twice the same way.",
            ["MyAccount.Refused.locked"] = "Too many wrong passwords: your account is locked. Try again in {0}.",
        },
        German: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["MyAccount.Title"] = "Mein Konto",
            ["MyAccount.PasswordTitle"] = "Passwort",
            ["MyAccount.CurrentPassword"] = "Aktuelles Passwort",
            ["MyAccount.NewPassword"] = "Neues Passwort",
            ["MyAccount.NewPasswordAgain"] = "Neues Passwort wiederholen",
            ["MyAccount.PasswordRule"] = "Mindestens 12 Zeichen.",
            ["MyAccount.ChangePassword"] = "Passwort ändern",
            ["MyAccount.PasswordChanged"] = "Ihr Passwort ist geändert. Melden Sie sich ab jetzt mit dem neuen an.",
            ["MyAccount.Refused.invalid_credentials"] = "Das aktuelle Passwort stimmt nicht. Ihr Passwort ist unverändert.",
            ["MyAccount.Refused.weak_password"] = "Das neue Passwort ist zu kurz: Es braucht mindestens 12 Zeichen.",
            ["MyAccount.Refused.invalid_password"] = "Das neue Passwort darf keine Steuerzeichen wie einen Zeilenumbruch enthalten.",
            ["MyAccount.Refused.same_password"] = "Das neue Passwort ist Ihr aktuelles. Wählen Sie ein anderes.",
            ["MyAccount.Refused.password_mismatch"] = "Die beiden neuen Passwörter sind nicht gleich. Geben Sie es zweimal gleich ein.",
            ["MyAccount.Refused.locked"] = "Zu viele falsche Passwörter: Ihr Konto ist gesperrt. Versuchen Sie es in {0} wieder.",
        });

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "invalid_credentials", "weak_password", "invalid_password", "same_password", Mismatch,
    };

    /// <summary>auth's refusal of a password change (or the panel's <see cref="Mismatch"/>) in plain words; pure.</summary>
    public static string PasswordRefusal(string language, string code, TimeSpan? retryAfter) => code switch
    {
        "locked" => string.Format(CultureInfo.GetCultureInfo(language), PanelTexts.Text(language, "MyAccount.Refused.locked"),
            Refusals.Duration(language, retryAfter ?? TimeSpan.FromMinutes(1))),
        _ when Known.Contains(code) => PanelTexts.Text(language, "MyAccount.Refused." + code),
        _ => TwoStepWords.Refusal(language, code, retryAfter),
    };
}
