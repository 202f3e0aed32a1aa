namespace Platform.Reporting.Quarantine;

/// <summary>The events of a recipient's quarantine, stream <c>recipient/{domain}/{email}</c>.</summary>
public abstract record QuarantineEvent;

/// <summary>
/// A quarantined message was recorded in its recipient's quarantine (reporting's own event). <see cref="RecordedAt"/>
/// is the service's clock when it was recorded: reports count a message in the period it was recorded in, so every
/// message is in exactly one report even when the filter reports it late.
/// </summary>
public sealed record SpamRecorded(
    string QuarantineId,
    string Sender,
    string Subject,
    double Score,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? RecordedAt = null) : QuarantineEvent;
