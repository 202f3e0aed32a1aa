namespace Platform.Demo.Story;

/// <summary>Where the four services answer.</summary>
public sealed record PlatformEndpoints(Uri Auth, Uri DirectorySync, Uri Notifications, Uri Reporting)
{
    /// <summary>As <c>./platform up</c> starts them: auth on the base port, then directory-sync, notifications, reporting.</summary>
    public static PlatformEndpoints FromBasePort(int basePort) => new(
        Local(basePort), Local(basePort + 1), Local(basePort + 2), Local(basePort + 3));

    private static Uri Local(int port) => new($"http://127.0.0.1:{port}");
}
