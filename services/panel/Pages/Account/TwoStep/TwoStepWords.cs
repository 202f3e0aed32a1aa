using Platform.Panel.Texts;

namespace Platform.Panel.Pages.Account.TwoStep;

/// <summary>The two-step verification pages' words.</summary>
public static class TwoStepWords
{
    public static readonly Words Set = new(
        English: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["TwoStep.Nav"] = "Two-step verification",
            ["TwoStep.Home"] = "Ask for a code from your phone at each sign-in.",
            ["TwoStep.Title"] = "Two-step verification",
            ["TwoStep.Intro"] = "With two-step verification on, signing in takes your password and a six-digit code from an authenticator app on your phone.",
            ["TwoStep.IsOn"] = "Two-step verification is on.",
            ["TwoStep.IsOff"] = "Two-step verification is off.",
            ["TwoStep.CodesLeft"] = "Recovery codes left: {0}.",
            ["TwoStep.TurnOn"] = "Turn on",
            ["TwoStep.TurnOff"] = "Turn off",
            ["TwoStep.TurnOffIntro"] = "To turn it off, enter a code from your authenticator app or a recovery code.",
            ["TwoStep.TurnedOff"] = "Two-step verification is off now.",
            ["TwoStep.Code"] = "Code",
            ["TwoStep.EnrolTitle"] = "Set up your authenticator app",
            ["TwoStep.Scan"] = "Scan this QR code with your authenticator app (for example FreeOTP, Aegis, Google or Microsoft Authenticator).",
            ["TwoStep.QrAlt"] = "QR code for your authenticator app",
            ["TwoStep.KeyIntro"] = "Or enter this key in the app by hand (time-based, six digits, 30 seconds):",
            ["TwoStep.ConfirmIntro"] = "Then enter the code the app shows, to prove it works.",
            ["TwoStep.Confirm"] = "Turn on",
            ["TwoStep.RecoveryTitle"] = "Two-step verification is on",
            ["TwoStep.RecoveryIntro"] = "Keep these recovery codes somewhere safe: each works once instead of a code, if you lose your phone. They are shown only now.",
            ["TwoStep.Done"] = "I have kept them",
            ["TwoStep.Required"] = "It stays on: this platform requires two-step verification for platform administrators.",
            ["TwoStep.RequiredFirst"] = "This platform requires two-step verification for platform administrators. Turn it on now; then sign in again with your password and a code.",
            ["TwoStep.SignInAgain"] = "You are signed out: sign in again with your password and a code from your authenticator app.",
            ["TwoStep.SignInWithCode"] = "I have kept them: sign in",
            ["TwoStep.Refused.mfa_invalid"] = "The code is not right. Enter the current code from your authenticator app.",
            ["TwoStep.Refused.mfa_attempts_exceeded"] = "Too many wrong codes: try again in {0}.",
            ["TwoStep.Refused.totp_already_enabled"] = "Two-step verification is on already.",
            ["TwoStep.Refused.totp_not_pending"] = "The setup has ended. Start again.",
            ["TwoStep.Refused.totp_not_enabled"] = "Two-step verification is off already.",
            ["TwoStep.Refused.setup_expired"] = "The setup page was open too long. Start again.",
            ["TwoStep.Refused.totp_required"] = "Two-step verification stays on: this platform requires it for platform administrators.",
            ["TwoStep.Refused.service_unreachable"] = "The sign-in service cannot be reached right now. Try again in a few minutes.",
            ["TwoStep.Refused.other"] = "That did not work ({0}). Try again later.",
        },
        German: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["TwoStep.Nav"] = "Zwei-Schritt-Anmeldung",
            ["TwoStep.Home"] = "Bei jeder Anmeldung einen Code vom Telefon verlangen.",
            ["TwoStep.Title"] = "Zwei-Schritt-Anmeldung",
            ["TwoStep.Intro"] = "Mit der Zwei-Schritt-Anmeldung braucht die Anmeldung Ihr Passwort und einen sechsstelligen Code aus einer Authenticator-App auf Ihrem Telefon.",
            ["TwoStep.IsOn"] = "Die Zwei-Schritt-Anmeldung ist eingeschaltet.",
            ["TwoStep.IsOff"] = "Die Zwei-Schritt-Anmeldung ist ausgeschaltet.",
            ["TwoStep.CodesLeft"] = "Verbleibende Wiederherstellungscodes: {0}.",
            ["TwoStep.TurnOn"] = "Einschalten",
            ["TwoStep.TurnOff"] = "Ausschalten",
            ["TwoStep.TurnOffIntro"] = "Zum Ausschalten geben Sie einen Code aus Ihrer Authenticator-App oder einen Wiederherstellungscode ein.",
            ["TwoStep.TurnedOff"] = "Die Zwei-Schritt-Anmeldung ist jetzt ausgeschaltet.",
            ["TwoStep.Code"] = "Code",
            ["TwoStep.EnrolTitle"] = "Authenticator-App einrichten",
            ["TwoStep.Scan"] = "Scannen Sie diesen QR-Code mit Ihrer Authenticator-App (zum Beispiel FreeOTP, Aegis, Google oder Microsoft Authenticator).",
            ["TwoStep.QrAlt"] = "QR-Code für Ihre Authenticator-App",
            ["TwoStep.KeyIntro"] = "Oder geben Sie diesen Schlüssel von Hand in der App ein (zeitbasiert, sechs Ziffern, 30 Sekunden):",
            ["TwoStep.ConfirmIntro"] = "Geben Sie dann den Code ein, den die App zeigt, um zu prüfen, dass es funktioniert.",
            ["TwoStep.Confirm"] = "Einschalten",
            ["TwoStep.RecoveryTitle"] = "Die Zwei-Schritt-Anmeldung ist eingeschaltet",
            ["TwoStep.RecoveryIntro"] = "Bewahren Sie diese Wiederherstellungscodes sicher auf: Jeder ersetzt einmal einen Code, falls Sie Ihr Telefon verlieren. Sie werden nur jetzt angezeigt.",
            ["TwoStep.Done"] = "Ich habe sie aufbewahrt",
            ["TwoStep.Required"] = "Sie bleibt eingeschaltet: Diese Plattform verlangt die Zwei-Schritt-Anmeldung für Plattform-Administratoren.",
            ["TwoStep.RequiredFirst"] = "Diese Plattform verlangt die Zwei-Schritt-Anmeldung für Plattform-Administratoren. Schalten Sie sie jetzt ein und melden Sie sich dann mit Ihrem Passwort und einem Code wieder an.",
            ["TwoStep.SignInAgain"] = "Sie sind abgemeldet: Melden Sie sich mit Ihrem Passwort und einem Code aus Ihrer Authenticator-App wieder an.",
            ["TwoStep.SignInWithCode"] = "Ich habe sie aufbewahrt: anmelden",
            ["TwoStep.Refused.mfa_invalid"] = "Der Code stimmt nicht. Geben Sie den aktuellen Code aus Ihrer Authenticator-App ein.",
            ["TwoStep.Refused.mfa_attempts_exceeded"] = "Zu viele falsche Codes: Versuchen Sie es in {0} wieder.",
            ["TwoStep.Refused.totp_already_enabled"] = "Die Zwei-Schritt-Anmeldung ist schon eingeschaltet.",
            ["TwoStep.Refused.totp_not_pending"] = "Die Einrichtung ist beendet. Beginnen Sie neu.",
            ["TwoStep.Refused.totp_not_enabled"] = "Die Zwei-Schritt-Anmeldung ist schon ausgeschaltet.",
            ["TwoStep.Refused.setup_expired"] = "Die Einrichtungsseite war zu lange offen. Beginnen Sie neu.",
            ["TwoStep.Refused.totp_required"] = "Die Zwei-Schritt-Anmeldung bleibt eingeschaltet: Diese Plattform verlangt sie für Plattform-Administratoren.",
            ["TwoStep.Refused.service_unreachable"] = "Der Anmeldedienst ist gerade nicht erreichbar. Versuchen Sie es in ein paar Minuten wieder.",
            ["TwoStep.Refused.other"] = "Das hat nicht geklappt ({0}). Versuchen Sie es später wieder.",
        });

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "mfa_invalid", "totp_already_enabled", "totp_not_pending", "totp_not_enabled", "totp_required", "setup_expired", "service_unreachable",
    };

    /// <summary>auth's refusal of a second-factor change in plain words; pure.</summary>
    public static string Refusal(string language, string code, TimeSpan? retryAfter) => code switch
    {
        "mfa_attempts_exceeded" => string.Format(System.Globalization.CultureInfo.GetCultureInfo(language),
            PanelTexts.Text(language, "TwoStep.Refused." + code), Refusals.Duration(language, retryAfter ?? TimeSpan.FromMinutes(1))),
        _ when Known.Contains(code) => PanelTexts.Text(language, "TwoStep.Refused." + code),
        _ => string.Format(System.Globalization.CultureInfo.GetCultureInfo(language), PanelTexts.Text(language, "TwoStep.Refused.other"), code),
    };
}
