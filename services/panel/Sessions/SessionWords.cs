using Platform.Panel.Texts;

namespace Platform.Panel.Sessions;

/// <summary>The sign-in pages' notices when a session stopped.</summary>
public static class SessionWords
{
    public static readonly Words Set = new(
        English: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Session.Ended"] = "Your session has ended: it was closed elsewhere, it ran out, or your access was withdrawn. Sign in again to go on.",
            ["Session.Unchecked"] = "Your session cannot be checked right now, as the sign-in service does not answer. Try again in a few minutes.",
        },
        German: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Session.Ended"] = "Ihre Sitzung ist beendet: Sie wurde an anderer Stelle geschlossen, ist abgelaufen, oder Ihr Zugang wurde entzogen. Melden Sie sich erneut an, um fortzufahren.",
            ["Session.Unchecked"] = "Ihre Sitzung kann gerade nicht geprüft werden, weil der Anmeldedienst nicht antwortet. Versuchen Sie es in einigen Minuten erneut.",
        });
}
