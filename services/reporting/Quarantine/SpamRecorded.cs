namespace Platform.Reporting.Quarantine;

/// <summary>A quarantined message was recorded in its recipient's quarantine (reporting's own event).</summary>
public sealed record SpamRecorded(
    string QuarantineId,
    string Sender,
    string Subject,
    double Score,
    DateTimeOffset ReceivedAt);
