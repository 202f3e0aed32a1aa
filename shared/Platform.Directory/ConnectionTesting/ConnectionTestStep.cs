using Platform.Directory.Failures;

namespace Platform.Directory.ConnectionTesting;

public enum StepResult
{
    Ok,
    Failed,
    Skipped,
}

/// <summary>The names of the steps of a connection test, in order.</summary>
public static class ConnectionTestSteps
{
    public const string Resolve = "resolve";
    public const string Connect = "connect";
    public const string Tls = "tls";
    public const string Bind = "bind";
    public const string BaseDn = "base_dn";
    public const string Search = "search";

    public static IReadOnlyList<string> All { get; } = [Resolve, Connect, Tls, Bind, BaseDn, Search];
}

/// <summary>One step of a connection test: what it found (<see cref="Detail"/>) or why it failed.</summary>
public sealed record ConnectionTestStep(string Name, StepResult Result, TimeSpan Duration, DirectoryFailure? Failure = null, string? Detail = null)
{
    public static ConnectionTestStep Skipped(string name, string? detail = null) => new(name, StepResult.Skipped, TimeSpan.Zero, Detail: detail);
}
