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

/// <summary>
/// The stable codes of what a passed or skipped step found (<see cref="ConnectionTestStep.DetailCode"/>), beside its
/// English <see cref="ConnectionTestStep.Detail"/>; its values (<see cref="DirectoryFailureValues"/>) are in
/// <see cref="ConnectionTestStep.Values"/>. Clients key on them, so they never change.
/// </summary>
public static class ConnectionTestDetailCodes
{
    /// <summary>resolve: the host is an IP address.</summary>
    public const string IpAddress = "ip_address";

    /// <summary>resolve: the host resolved to <c>addresses</c>.</summary>
    public const string Resolved = "resolved";

    /// <summary>connect: connected to <c>address</c>.</summary>
    public const string Connected = "connected";

    /// <summary>tls: <c>protocol</c>, the certificate's <c>subject</c>, valid until <c>validUntil</c>.</summary>
    public const string Encrypted = "encrypted";

    /// <summary>tls skipped: security is none.</summary>
    public const string NotEncrypted = "not_encrypted";

    /// <summary>bind skipped: no service account.</summary>
    public const string NoServiceAccount = "no_service_account";

    /// <summary>bind: signed in as <c>bindDn</c>.</summary>
    public const string Bound = "bound";

    /// <summary>base_dn: <c>baseDn</c> found.</summary>
    public const string BaseDnFound = "base_dn_found";

    /// <summary>search: <c>users</c> users with an address, <c>unusable</c> entries without a usable one.</summary>
    public const string UsersFound = "users_found";
}

/// <summary>One step of a connection test: what it found (<see cref="Detail"/>) or why it failed.</summary>
public sealed record ConnectionTestStep(string Name, StepResult Result, TimeSpan Duration, DirectoryFailure? Failure = null, string? Detail = null)
{
    private static readonly Dictionary<string, string> NoValues = [];

    /// <summary>What <see cref="Detail"/> says, as one of <see cref="ConnectionTestDetailCodes"/>; null for a failed step or a skip after one.</summary>
    public string? DetailCode { get; init; }

    /// <summary>The values <see cref="Detail"/> names (<see cref="DirectoryFailureValues"/>).</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = NoValues;

    public static ConnectionTestStep Skipped(string name, string? detail = null, string? detailCode = null) =>
        new(name, StepResult.Skipped, TimeSpan.Zero, Detail: detail) { DetailCode = detailCode };

    /// <summary>A step that passed, finding what <paramref name="detailCode"/> and its <paramref name="values"/> say.</summary>
    public static ConnectionTestStep Passed(string name, TimeSpan duration, string detail, string detailCode, params (string Name, string Value)[] values) =>
        new(name, StepResult.Ok, duration, Detail: detail)
        {
            DetailCode = detailCode, Values = values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal),
        };
}
