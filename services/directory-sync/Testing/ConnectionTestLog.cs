using Marten;
using Platform.Directory.ConnectionTesting;
using Platform.Directory.Settings;

namespace Platform.DirectorySync.Testing;

/// <summary>Records every connection test of a domain, in its own stream, for the test history beside the sync history.</summary>
public sealed class ConnectionTestLog(IDocumentStore store, TimeProvider clock)
{
    public static string StreamId(string domain, Guid testId) => $"directory-test/{domain}/{testId}";

    public Task RanAsync(
        string domain, string actor, string source, DirectorySettings tested, ConnectionTestReport report, ConnectionTestReport? failover,
        CancellationToken cancellationToken) =>
        RecordAsync(domain, actor, source, tested, Result(report), report.Failure?.Code, failover is null ? null : Result(failover),
            failover?.Failure?.Code, cancellationToken);

    public Task RefusedAsync(string domain, string actor, DirectorySettings tested, string code, CancellationToken cancellationToken) =>
        RecordAsync(domain, actor, "submitted", tested, "refused", code, null, null, cancellationToken);

    private async Task RecordAsync(
        string domain, string actor, string source, DirectorySettings tested, string result, string? code, string? failoverResult,
        string? failoverCode, CancellationToken cancellationToken)
    {
        var testId = Guid.NewGuid();
        await using var session = store.LightweightSession();
        session.LastModifiedBy = actor;
        session.Events.StartStream(StreamId(domain, testId), new ConnectionTestRecorded(
            domain, testId, actor, clock.GetUtcNow(), source, tested.Host, tested.EffectivePort, tested.Security.ToName(),
            tested.FailoverHost, result, code, failoverResult, failoverCode));
        await session.SaveChangesAsync(cancellationToken);
    }

    private static string Result(ConnectionTestReport report) => report.Succeeded ? "succeeded" : "failed";
}
