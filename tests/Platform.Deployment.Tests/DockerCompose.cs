namespace Platform.Deployment.Tests;

/// <summary>The docker-compose binary (installed by <c>infra/infra.sh up</c>), run without a Docker engine.</summary>
internal static class DockerCompose
{
    public const string Executable = "docker-compose";

    public static string? Find() => ExecutablePath.Find(Executable);

    public static Task<(int ExitCode, string Output)> RunAsync(string executable, params string[] arguments) =>
        Command.RunAsync(executable, arguments);

    /// <param name="environment">Variables to set for compose; a null value removes the variable.</param>
    public static Task<(int ExitCode, string Output)> RunAsync(
        string executable, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        Command.RunAsync(executable, arguments, environment);
}
