using Platform.Panel.Texts;

namespace Platform.Panel.Pages.Account.Mails;

/// <summary>The "my mails" page's words.</summary>
public static class MailsWords
{
    public static readonly Words Set = new(
        English: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Mails.Nav"] = "My mails",
            ["Mails.Home"] = "The mails the quarantine sent you, and whether they went out.",
            ["Mails.Title"] = "My mails",
            ["Mails.Intro"] = "The mails the spam quarantine sent you (the welcome and your reports), newest first.",
            ["Mails.Caption"] = "Mails sent to you",
            ["Mails.Kind"] = "Mail",
            ["Mails.Queued"] = "Written",
            ["Mails.State"] = "State",
            ["Mails.Kind.welcome"] = "Welcome",
            ["Mails.Kind.report"] = "Quarantine report",
            ["Mails.State.queued"] = "Waiting to be sent",
            ["Mails.State.sending"] = "Being sent",
            ["Mails.State.retrying"] = "Not delivered yet, will try again",
            ["Mails.State.sent"] = "Sent",
            ["Mails.State.failed"] = "Could not be delivered",
            ["Mails.NextAttempt"] = "next try {0}",
            ["Mails.None"] = "No mail has been sent to you yet.",
            ["Mails.Failed"] = "Your mails cannot be shown right now ({0}). Try again later.",
        },
        German: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Mails.Nav"] = "Meine E-Mails",
            ["Mails.Home"] = "Die E-Mails, die die Quarantäne Ihnen geschickt hat, und ob sie angekommen sind.",
            ["Mails.Title"] = "Meine E-Mails",
            ["Mails.Intro"] = "Die E-Mails, die die Spam-Quarantäne Ihnen geschickt hat (die Begrüßung und Ihre Berichte), die neueste zuerst.",
            ["Mails.Caption"] = "An Sie gesendete E-Mails",
            ["Mails.Kind"] = "E-Mail",
            ["Mails.Queued"] = "Geschrieben",
            ["Mails.State"] = "Stand",
            ["Mails.Kind.welcome"] = "Begrüßung",
            ["Mails.Kind.report"] = "Quarantänebericht",
            ["Mails.State.queued"] = "Wartet auf den Versand",
            ["Mails.State.sending"] = "Wird gesendet",
            ["Mails.State.retrying"] = "Noch nicht zugestellt, wird erneut versucht",
            ["Mails.State.sent"] = "Gesendet",
            ["Mails.State.failed"] = "Konnte nicht zugestellt werden",
            ["Mails.NextAttempt"] = "nächster Versuch {0}",
            ["Mails.None"] = "Ihnen wurde noch keine E-Mail geschickt.",
            ["Mails.Failed"] = "Ihre E-Mails können gerade nicht angezeigt werden ({0}). Versuchen Sie es später wieder.",
        });
}
