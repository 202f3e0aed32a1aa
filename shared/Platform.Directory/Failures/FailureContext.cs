using Platform.Directory.Settings;

namespace Platform.Directory.Failures;

/// <summary>What was being attempted, so that a failure can say where and why in the admin's terms.</summary>
internal sealed record FailureContext(
    string Host,
    int Port,
    DirectorySecurity Security,
    TimeSpan ConnectTimeout,
    TimeSpan OperationTimeout,
    string? BindDn,
    string BaseDn,
    IReadOnlyList<string> OutgoingAddresses)
{
    public static FailureContext For(DirectorySettings settings, string host, IReadOnlyList<string> outgoingAddresses) =>
        new(host, settings.EffectivePort, settings.Security, settings.ConnectTimeout, settings.OperationTimeout,
            settings.BindDn, settings.BaseDn, outgoingAddresses);

    public string Endpoint => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}

/// <summary>Which step of talking to a directory failed; the same result code means different things in each.</summary>
internal enum FailureStage
{
    Connect,
    ServiceBind,
    UserBind,
    BaseDn,
    Search,
}
