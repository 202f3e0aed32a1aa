using Platform.Panel.Texts;

namespace Platform.Panel.Pages.Admin.Users;

/// <summary>The services' problem codes the admin pages of users, settings and the platform show, in plain words.</summary>
public static class AdminProblemWords
{
    public static readonly Words Set = new(
        English: new Dictionary<string, string>
        {
            ["AdminProblem.other"] = "The service refused this ({0}).",
            ["AdminProblem.service_unreachable"] = "The service cannot be reached just now. Try again in a moment.",
            ["AdminProblem.unavailable"] = "The service did not answer properly. Try again in a moment.",
            ["AdminProblem.forbidden"] = "You may not do this for this domain.",
            ["AdminProblem.invalid_email"] = "That is not an email address.",
            ["AdminProblem.wrong_domain"] = "The address is not in this domain.",
            ["AdminProblem.user_exists"] = "This user is already in the list.",
            ["AdminProblem.user_not_found"] = "There is no such user in the list.",
            ["AdminProblem.managed_by_directory"] = "The directory still has this user, so the next sync would bring them back: deactivate them instead, or remove them from the directory.",
            ["AdminProblem.user_limit_reached"] = "The list is full: delete users no longer needed, or ask the platform's operator for a higher limit.",
            ["AdminProblem.invalid_status"] = "The status is active or inactive.",
            ["AdminProblem.duplicate_row"] = "The same address is on an earlier row.",
            ["AdminProblem.empty_import"] = "There is nothing to import: give one address per line.",
            ["AdminProblem.import_too_large"] = "Too many rows: import at most 10,000 at once.",
            ["AdminProblem.invalid_callout"] = "The mail server cannot be used: give its host name or IP address, and a port from 1 to 65535.",
            ["AdminProblem.destination_not_allowed"] = "The platform may not connect to that address.",
            ["AdminProblem.not_enrolled"] = "This user gets no report yet.",
            ["AdminProblem.invalid_reporting_settings"] = "Some fields are not right; see the notes beside them.",
            ["AdminProblem.invalid_notification_settings"] = "Some fields are not right; see the notes beside them.",
            ["AdminProblem.invalid_name"] = "Name the client (1 to 200 characters).",
            ["AdminProblem.client_not_found"] = "There is no such client.",
            ["AdminProblem.admin_exists"] = "That address is an admin already.",
            ["AdminProblem.invalid_domains"] = "A domain admin needs one or more valid domain names.",
            ["AdminProblem.weak_password"] = "The password is too weak: use a longer one.",
            ["AdminProblem.invalid_password"] = "The password may not contain control characters.",
            ["AdminProblem.admin_not_found"] = "There is no such admin.",
        },
        German: new Dictionary<string, string>
        {
            ["AdminProblem.other"] = "Der Dienst hat das abgelehnt ({0}).",
            ["AdminProblem.service_unreachable"] = "Der Dienst ist gerade nicht erreichbar. Versuchen Sie es gleich noch einmal.",
            ["AdminProblem.unavailable"] = "Der Dienst hat nicht richtig geantwortet. Versuchen Sie es gleich noch einmal.",
            ["AdminProblem.forbidden"] = "Das dürfen Sie für diese Domain nicht.",
            ["AdminProblem.invalid_email"] = "Das ist keine E-Mail-Adresse.",
            ["AdminProblem.wrong_domain"] = "Die Adresse gehört nicht zu dieser Domain.",
            ["AdminProblem.user_exists"] = "Dieser Benutzer ist schon in der Liste.",
            ["AdminProblem.user_not_found"] = "Diesen Benutzer gibt es in der Liste nicht.",
            ["AdminProblem.managed_by_directory"] = "Das Verzeichnis hat diesen Benutzer noch; die nächste Synchronisierung brächte ihn zurück. Deaktivieren Sie ihn stattdessen oder entfernen Sie ihn im Verzeichnis.",
            ["AdminProblem.user_limit_reached"] = "Die Liste ist voll: Löschen Sie nicht mehr benötigte Benutzer oder bitten Sie den Betreiber um ein höheres Limit.",
            ["AdminProblem.invalid_status"] = "Als Status sind nur active oder inactive möglich.",
            ["AdminProblem.duplicate_row"] = "Dieselbe Adresse steht schon in einer früheren Zeile.",
            ["AdminProblem.empty_import"] = "Es gibt nichts zu importieren: Geben Sie eine Adresse pro Zeile an.",
            ["AdminProblem.import_too_large"] = "Zu viele Zeilen: Importieren Sie höchstens 10.000 auf einmal.",
            ["AdminProblem.invalid_callout"] = "Der Mailserver ist so nicht nutzbar: Geben Sie den Hostnamen oder die IP-Adresse und einen Port von 1 bis 65535 an.",
            ["AdminProblem.destination_not_allowed"] = "Die Plattform darf sich mit dieser Adresse nicht verbinden.",
            ["AdminProblem.not_enrolled"] = "Dieser Benutzer bekommt noch keinen Bericht.",
            ["AdminProblem.invalid_reporting_settings"] = "Einige Felder stimmen nicht; siehe die Hinweise daneben.",
            ["AdminProblem.invalid_notification_settings"] = "Einige Felder stimmen nicht; siehe die Hinweise daneben.",
            ["AdminProblem.invalid_name"] = "Geben Sie dem Client einen Namen (1 bis 200 Zeichen).",
            ["AdminProblem.client_not_found"] = "Diesen Client gibt es nicht.",
            ["AdminProblem.admin_exists"] = "Diese Adresse ist schon Administrator.",
            ["AdminProblem.invalid_domains"] = "Ein Domain-Administrator braucht einen oder mehrere gültige Domainnamen.",
            ["AdminProblem.weak_password"] = "Das Passwort ist zu schwach: Wählen Sie ein längeres.",
            ["AdminProblem.invalid_password"] = "Das Passwort darf keine Steuerzeichen enthalten.",
            ["AdminProblem.admin_not_found"] = "Diesen Administrator gibt es nicht.",
        });
}
