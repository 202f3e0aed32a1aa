namespace Platform.Deployment.Tests;

internal static class ExecutablePath
{
    /// <summary>Where <paramref name="name"/> is found on PATH, as a shell would find it; null when it is not installed.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
