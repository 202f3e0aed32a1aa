namespace Platform.Reporting.Quarantine;

/// <summary>What is already known of a recipient's quarantine when a message for it arrives.</summary>
public sealed record QuarantineState(bool RecipientKnown, bool MessageKnown);

/// <summary>What recording a quarantined message means for its recipient's quarantine.</summary>
public sealed record QuarantineDecision(SpamRecorded? Recorded, bool IsFirstSpam);

public static class QuarantineDecisions
{
    /// <summary>
    /// Records the message unless its quarantine id is already there (the filter may report a message twice). It is
    /// the recipient's first spam when the quarantine has never held anything: the caller starts the stream then, so
    /// of two racing first messages only one can be first.
    /// </summary>
    public static QuarantineDecision Record(QuarantineState state, SpamRecorded message) =>
        state.MessageKnown ? new QuarantineDecision(null, IsFirstSpam: false) : new QuarantineDecision(message, IsFirstSpam: !state.RecipientKnown);
}
