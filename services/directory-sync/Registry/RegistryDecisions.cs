namespace Platform.DirectorySync.Registry;

/// <summary>What the registry records for a report or an admin's request; pure, so every rule is unit-tested.</summary>
public static class RegistryDecisions
{
    /// <summary>
    /// A user is registered once, by whichever source reports them first; later reports from any source add nothing.
    /// A deleted user reported again is registered anew.
    /// </summary>
    public static IReadOnlyList<RegistryEvent> Discover(RegisteredUser user, string domain, string email, string source, DateTimeOffset at) =>
        user.Known ? [] : [new UserRegistered(domain, email, source, at)];

    /// <summary>
    /// An admin adds a user by hand (source <c>api</c>), optionally inactive from the start; not when the domain's list
    /// is full (<paramref name="listFull"/>: it has the most users <see cref="UserLimit"/> allows).
    /// </summary>
    public static RegistryOutcome Add(RegisteredUser user, string domain, string email, string status, string actor, DateTimeOffset at, bool listFull = false)
    {
        if (user.Known)
        {
            return RegistryOutcome.Conflict(RegistryProblems.AlreadyExists);
        }

        if (listFull)
        {
            return RegistryOutcome.Conflict(RegistryProblems.UserLimitReached);
        }

        List<RegistryEvent> events = [new UserRegistered(domain, email, Platform.Contracts.UserSources.Api, at, actor)];
        if (status == UserStatuses.Inactive)
        {
            events.Add(new UserStatusSet(domain, email, status, actor, at));
        }

        return RegistryOutcome.Changed(events);
    }

    /// <summary>Setting the status it already has changes nothing (a repeated PATCH is harmless).</summary>
    public static RegistryOutcome SetStatus(RegisteredUser user, string domain, string email, string status, string actor, DateTimeOffset at) =>
        !user.Known ? RegistryOutcome.Conflict(RegistryProblems.NotFound)
        : user.Status == status ? RegistryOutcome.Changed([])
        : RegistryOutcome.Changed([new UserStatusSet(domain, email, status, actor, at)]);

    /// <summary>A user the directory sync manages stays while the directory has them: deactivate them instead.</summary>
    public static RegistryOutcome Delete(RegisteredUser user, bool inDirectory, string domain, string email, string actor, DateTimeOffset at) =>
        !user.Known ? RegistryOutcome.Conflict(RegistryProblems.NotFound)
        : inDirectory ? RegistryOutcome.Conflict(RegistryProblems.ManagedByDirectory)
        : RegistryOutcome.Changed([new RegistryUserDeleted(domain, email, actor, at)]);

    /// <summary>A login of a user the registry does not know adds them (source <c>login</c>); a known one records the time.</summary>
    public static IReadOnlyList<RegistryEvent> Login(RegisteredUser user, string domain, string email, string method, DateTimeOffset at) =>
        user.Known
            ? [new UserLoggedIn(domain, email, method, at)]
            : [new UserRegistered(domain, email, Platform.Contracts.UserSources.Login, at), new UserLoggedIn(domain, email, method, at)];
}

/// <summary>Events to record, or why nothing may be (a <see cref="RegistryProblems"/> code).</summary>
public sealed record RegistryOutcome(IReadOnlyList<RegistryEvent> Events, string? Problem)
{
    public static RegistryOutcome Changed(IReadOnlyList<RegistryEvent> events) => new(events, null);

    public static RegistryOutcome Conflict(string problem) => new([], problem);
}

/// <summary>Stable problem codes of the registry API.</summary>
public static class RegistryProblems
{
    public const string NotFound = "user_not_found";
    public const string AlreadyExists = "user_exists";
    public const string ManagedByDirectory = "managed_by_directory";
    public const string UserLimitReached = "user_limit_reached";
}
