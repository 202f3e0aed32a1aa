using System.Globalization;
using System.Text.Json;
using Platform.Panel.Backends;
using Platform.Panel.Pages.Admin.Directory;
using Platform.Panel.Texts;

namespace Platform.Panel.Pages.Admin.Syncs;

/// <summary>The sync history's words, and a run's status, counts and per-user details in them.</summary>
public static class SyncWords
{
    private static readonly HashSet<string> Problems = new(StringComparer.Ordinal)
    {
        "no_held_removals", "already_decided", "held_removals_outdated", "sync_run_not_found",
    };

    public static string Problem(PanelTexts texts, string code) =>
        Problems.Contains(code) ? texts["Syncs.Problem." + code] : DirectoryWords.Problem(texts, code);

    /// <summary>UTC, as the services keep it: the admin and the service's logs speak of the same minute.</summary>
    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    public static string Status(PanelTexts texts, SyncRunView run) => run.Status switch
    {
        "completed" when run.HeldRemovals is { Decision: null } => texts["Syncs.Status.held"],
        "queued" or "running" or "completed" or "failed" => texts["Syncs.Status." + run.Status],
        _ => run.Status,
    };

    public static string Counts(PanelTexts texts, SyncCounts? counts) => counts is null ? "–"
        : texts.Format("Syncs.CountsLine", counts.Users, counts.Added, counts.Updated, counts.Disabled, counts.Enabled, counts.Removed, counts.Held, counts.Problems);

    /// <summary>
    /// A failed run's error in the words the directory page says the same failure in, with its values; the service's
    /// English (which already says what to do: no hint then) for a code, reason or value the panel has no words for.
    /// </summary>
    public static (string Message, string? Hint, string? ServerSaid) Error(PanelTexts texts, SyncError error)
    {
        var failure = new TestFailure(error.Code, error.Message, "", error.Reason, error.Values);
        var message = texts.Message(failure);
        return message == error.Message
            ? (message, null, null)
            : (message, texts.HintOf(failure) is { Length: > 0 } hint ? hint : null, texts.ServerSaid(failure));
    }

    /// <summary>What the history keeps about one user's change, in words: a skipped entry's reason, an updated address's old one.</summary>
    public static string Detail(PanelTexts texts, SyncChange change)
    {
        var detail = change.Detail;
        string? Text(string name) => detail.ValueKind == JsonValueKind.Object && detail.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;
        return change.Change switch
        {
            "skipped" => $"{Text("dn")}: {texts.SayEntryProblem(Text("code"), Text("message"))}",
            "updated" when Text("previousEmail") is { } previous => texts.Format("Syncs.WasAddress", previous),
            "removed" when Text("approvedBy") is { } by => texts.Format("Syncs.ApprovedBy", by),
            "added" or "updated" => Text("displayName") ?? "",
            _ => "",
        };
    }

    public static readonly Words Set = new(
        English: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Syncs.SyncNow"] = "Sync now",
            ["Syncs.SyncNowHint"] = "Reads every user from the directory now and updates the list of users.",
            ["Syncs.None"] = "No sync has run for this domain yet.",
            ["Syncs.Requested"] = "Requested",
            ["Syncs.Status"] = "Status",
            ["Syncs.Changes"] = "Changes",
            ["Syncs.Older"] = "Older syncs",
            ["Syncs.Trigger.manual"] = "Sync now",
            ["Syncs.Trigger.schedule"] = "Scheduled",
            ["Syncs.Trigger.settingsChanged"] = "Settings saved",
            ["Syncs.Status.queued"] = "Waiting to start",
            ["Syncs.Status.running"] = "Running",
            ["Syncs.Status.completed"] = "Completed",
            ["Syncs.Status.failed"] = "Failed",
            ["Syncs.Status.held"] = "Completed, removals waiting for you",
            ["Syncs.CountsLine"] = "{0} users: {1} added, {2} updated, {3} disabled, {4} enabled again, {5} removed, {6} held, {7} skipped",
            ["Syncs.Run"] = "Sync",
            ["Syncs.Back"] = "All syncs",
            ["Syncs.RequestedBy"] = "Requested {0} ({1}) by {2}.",
            ["Syncs.Took"] = "It took {0} s.",
            ["Syncs.Waiting"] = "This sync has not finished yet.",
            ["Syncs.Reload"] = "Look again",
            ["Syncs.Held"] = "Removals waiting for you: {0}",
            ["Syncs.HeldDecidedTitle"] = "Removals this sync held: {0}",
            ["Syncs.HeldReason.above_threshold"] = "This sync would have removed more users than the domain's threshold allows, so it removed none of them. Confirm to remove them now, or dismiss to keep them.",
            ["Syncs.HeldReason.other"] = "This sync held these removals for you to decide. Confirm to remove them now, or dismiss to keep them.",
            ["Syncs.Confirm"] = "Confirm: remove them",
            ["Syncs.Dismiss"] = "Dismiss: keep them",
            ["Syncs.ConfirmHint"] = "Removed users lose their quarantine and reports. A later sync asks again if they are still missing from the directory.",
            ["Syncs.HeldDecided.confirmed"] = "Confirmed by {0}: the users were removed.",
            ["Syncs.HeldDecided.dismissed"] = "Dismissed by {0}: the users were kept.",
            ["Syncs.Decided.confirmed"] = "The held users were removed.",
            ["Syncs.Decided.dismissed"] = "The held users were kept.",
            ["Syncs.Users"] = "Users this sync changed",
            ["Syncs.User"] = "User",
            ["Syncs.MoreChanges"] = "More changes",
            ["Syncs.NoChanges"] = "This sync changed no user.",
            ["Syncs.WasAddress"] = "was {0}",
            ["Syncs.ApprovedBy"] = "approved by {0}",
            ["Syncs.Problem.no_held_removals"] = "This sync held no removals.",
            ["Syncs.Problem.already_decided"] = "Someone has decided on these removals already.",
            ["Syncs.Problem.held_removals_outdated"] = "A later full sync ran since these removals were held: decide on that sync's removals instead.",
            ["Syncs.Problem.sync_run_not_found"] = "There is no such sync for this domain.",
        },
        German: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Syncs.SyncNow"] = "Jetzt synchronisieren",
            ["Syncs.SyncNowHint"] = "Liest jetzt alle Benutzer aus dem Verzeichnis und aktualisiert die Benutzerliste.",
            ["Syncs.None"] = "Für diese Domain lief noch keine Synchronisierung.",
            ["Syncs.Requested"] = "Angefordert",
            ["Syncs.Status"] = "Status",
            ["Syncs.Changes"] = "Änderungen",
            ["Syncs.Older"] = "Ältere Synchronisierungen",
            ["Syncs.Trigger.manual"] = "Manuell",
            ["Syncs.Trigger.schedule"] = "Geplant",
            ["Syncs.Trigger.settingsChanged"] = "Einstellungen gespeichert",
            ["Syncs.Status.queued"] = "Wartet auf den Start",
            ["Syncs.Status.running"] = "Läuft",
            ["Syncs.Status.completed"] = "Abgeschlossen",
            ["Syncs.Status.failed"] = "Fehlgeschlagen",
            ["Syncs.Status.held"] = "Abgeschlossen, Entfernungen warten auf Sie",
            ["Syncs.CountsLine"] = "{0} Benutzer: {1} hinzugefügt, {2} geändert, {3} deaktiviert, {4} wieder aktiviert, {5} entfernt, {6} zurückgehalten, {7} übersprungen",
            ["Syncs.Run"] = "Synchronisierung",
            ["Syncs.Back"] = "Alle Synchronisierungen",
            ["Syncs.RequestedBy"] = "Angefordert am {0} ({1}) von {2}.",
            ["Syncs.Took"] = "Dauer: {0} s.",
            ["Syncs.Waiting"] = "Diese Synchronisierung ist noch nicht abgeschlossen.",
            ["Syncs.Reload"] = "Aktualisieren",
            ["Syncs.Held"] = "Entfernungen, die auf Ihre Entscheidung warten: {0}",
            ["Syncs.HeldDecidedTitle"] = "Von dieser Synchronisierung zurückgehaltene Entfernungen: {0}",
            ["Syncs.HeldReason.above_threshold"] = "Diese Synchronisierung hätte mehr Benutzer entfernt, als der Schwellenwert der Domain erlaubt, und hat deshalb keinen von ihnen entfernt. Bestätigen Sie, um sie jetzt zu entfernen, oder verwerfen Sie, um sie zu behalten.",
            ["Syncs.HeldReason.other"] = "Diese Synchronisierung hat diese Entfernungen zu Ihrer Entscheidung zurückgehalten. Bestätigen Sie, um sie jetzt zu entfernen, oder verwerfen Sie, um sie zu behalten.",
            ["Syncs.Confirm"] = "Bestätigen: entfernen",
            ["Syncs.Dismiss"] = "Verwerfen: behalten",
            ["Syncs.ConfirmHint"] = "Entfernte Benutzer verlieren ihre Quarantäne und ihre Berichte. Fehlen sie weiterhin im Verzeichnis, fragt eine spätere Synchronisierung erneut.",
            ["Syncs.HeldDecided.confirmed"] = "Bestätigt von {0}: Die Benutzer wurden entfernt.",
            ["Syncs.HeldDecided.dismissed"] = "Verworfen von {0}: Die Benutzer wurden behalten.",
            ["Syncs.Decided.confirmed"] = "Die zurückgehaltenen Benutzer wurden entfernt.",
            ["Syncs.Decided.dismissed"] = "Die zurückgehaltenen Benutzer wurden behalten.",
            ["Syncs.Users"] = "Von dieser Synchronisierung geänderte Benutzer",
            ["Syncs.User"] = "Benutzer",
            ["Syncs.MoreChanges"] = "Weitere Änderungen",
            ["Syncs.NoChanges"] = "Diese Synchronisierung hat keinen Benutzer geändert.",
            ["Syncs.WasAddress"] = "vorher {0}",
            ["Syncs.ApprovedBy"] = "bestätigt von {0}",
            ["Syncs.Problem.no_held_removals"] = "Diese Synchronisierung hat keine Entfernungen zurückgehalten.",
            ["Syncs.Problem.already_decided"] = "Über diese Entfernungen wurde bereits entschieden.",
            ["Syncs.Problem.held_removals_outdated"] = "Seit diese Entfernungen zurückgehalten wurden, lief eine neuere vollständige Synchronisierung: Entscheiden Sie stattdessen über deren Entfernungen.",
            ["Syncs.Problem.sync_run_not_found"] = "Diese Synchronisierung gibt es für diese Domain nicht.",
        });
}
