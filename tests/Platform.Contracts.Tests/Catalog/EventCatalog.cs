namespace Platform.Contracts.Tests.Catalog;

/// <summary>Who publishes a message, and when: <see cref="When"/> reads after the service's name ("auth refuses a login").</summary>
internal sealed record Publisher(string Service, string When);

/// <summary>
/// What the code cannot tell by itself: who publishes each message and when. Everything else in the catalog — the
/// schemas, the examples, the consumers and their queues — is read from the contracts and the services' code.
/// </summary>
internal static class EventCatalog
{
    /// <summary>The producer outside the platform: the spam filter, in any language.</summary>
    public const string FilteringEngine = "filtering-engine";

    private const string DirectorySync = "directory-sync";

    public static IReadOnlyDictionary<Type, IReadOnlyList<Publisher>> Publishers { get; } = new Dictionary<Type, IReadOnlyList<Publisher>>
    {
        [typeof(SpamQuarantined)] = [new(FilteringEngine, "puts a message into a recipient's quarantine (outside the platform, in any language)")],
        [typeof(FirstSpamDetected)] = [new("reporting", "records the first quarantined message of a recipient it did not know, in the same transaction")],
        [typeof(UserDiscovered)] =
            [new(DirectorySync, "registers an address it did not know: found by a directory sync (not while disabled), from `FirstSpamDetected`, from an email user's `LoginSucceeded`, or added by an admin through the API")],
        [typeof(UserUpdated)] = [new(DirectorySync, "finds in a directory sync that a user's address, aliases or name changed")],
        [typeof(UserDisabledInDirectory)] = [new(DirectorySync, "finds in a directory sync that a user's account is disabled")],
        [typeof(UserEnabledInDirectory)] = [new(DirectorySync, "finds in a directory sync that a disabled account is enabled again")],
        [typeof(UserRemovedFromDirectory)] =
            [new(DirectorySync, "removes a user a directory sync found gone, once the deletion guard lets it through or an admin confirms the held removal")],
        [typeof(DirectorySyncCompleted)] = [new(DirectorySync, "finishes a sync run (scheduled, manual or after a settings change)")],
        [typeof(DirectorySyncFailed)] = [new(DirectorySync, "ends a sync run on a failure (nothing is removed then)")],
        [typeof(DirectorySettingsChanged)] = [new(DirectorySync, "saves a domain's directory settings for an admin (`PUT /v1/domains/{domain}/directory`)")],
        [typeof(DictionaryAttackSuspected)] = [new(DirectorySync, "sees, in its recipient guard, an episode of lookups for addresses that do not exist")],
        [typeof(UserDeactivated)] = [new(DirectorySync, "sets an email user inactive for an admin (`PATCH /v1/domains/{domain}/users/{email}`, or a user added or imported as inactive)")],
        [typeof(UserReactivated)] = [new(DirectorySync, "sets an inactive email user active again for an admin (`PATCH`, or an import)")],
        [typeof(UserDeleted)] = [new(DirectorySync, "deletes an email user from the managed list for an admin (`DELETE /v1/domains/{domain}/users/{email}`)")],
        [typeof(LoginSucceeded)] = [new("auth", "logs an email user or an admin in (password, login link, local account)")],
        [typeof(LoginFailed)] = [new("auth", "refuses a login")],
        [typeof(ReportEnrolled)] = [new("reporting", "enrolls a user in the periodic report: at their first spam, or when a directory user is discovered and the domain enrolls directory users")],
        [typeof(ReportFrequencyChanged)] = [new("reporting", "records a report frequency the user or an admin chose (`PUT /v1/domains/{domain}/users/{email}/report`)")],
        [typeof(PeriodicReportReady)] = [new("reporting", "ends a user's report period (once per user and period)")],
        [typeof(WelcomeMessageSent)] = [new("notifications", "hands a welcome mail to the relay and the relay accepts it")],
        [typeof(PeriodicReportSent)] = [new("notifications", "hands a report mail to the relay and the relay accepts it")],
        [typeof(NotificationFailed)] = [new("notifications", "gives a mail up: the relay refused it for good, or its attempts ran out")],
        [typeof(IssueLoginLink)] = [new("notifications", "is about to send a mail that carries a login link (at each attempt; the link is never stored)")],
        [typeof(IssueLoginLinks)] = [new("notifications", "is about to send several mails that carry login links at once (their links asked for together; never stored)")],
    };

    /// <summary>Requests (MassTransit request/response) and the type of their answer.</summary>
    public static IReadOnlyDictionary<Type, Type> Requests { get; } = new Dictionary<Type, Type>
    {
        [typeof(IssueLoginLink)] = typeof(LoginLinkIssued),
        [typeof(IssueLoginLinks)] = typeof(LoginLinksIssued),
    };
}
