namespace Platform.DirectorySync.Registry;

public static class RegistryDecisions
{
    /// <summary>
    /// A user is registered once, by whichever source reports them first; later reports from any source add nothing.
    /// </summary>
    public static IReadOnlyList<object> Discover(bool alreadyKnown, string domain, string email, string source, DateTimeOffset at) =>
        alreadyKnown ? [] : [new UserRegistered(domain, email, source, at)];
}
