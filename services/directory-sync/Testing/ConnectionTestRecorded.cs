namespace Platform.DirectorySync.Testing;

/// <summary>An event of a connection test's stream <c>directory-test/{domain}/{testId}</c>.</summary>
public abstract record ConnectionTestEvent;

/// <summary>
/// A domain admin ran (or was refused) a directory connection test (stream <c>directory-test/{domain}/{testId}</c>):
/// who, when, which endpoint, the outcome. Never a password.
/// </summary>
/// <param name="Source"><c>saved</c> or <c>submitted</c> settings.</param>
/// <param name="Result"><c>succeeded</c>, <c>failed</c> or <c>refused</c> (the request was turned down before any connection).</param>
/// <param name="Code">The failure's or the refusal's code; null when it succeeded.</param>
public sealed record ConnectionTestRecorded(
    string Domain, Guid TestId, string TestedBy, DateTimeOffset At, string Source, string Host, int Port, string Security,
    string? FailoverHost, string Result, string? Code, string? FailoverResult, string? FailoverCode) : ConnectionTestEvent;
