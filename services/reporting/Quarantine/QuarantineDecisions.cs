using Platform.Contracts;

namespace Platform.Reporting.Quarantine;

/// <summary>What recording a quarantined message means for its recipient's quarantine.</summary>
public sealed record QuarantineDecision(IReadOnlyList<SpamRecorded> Events, bool IsFirstSpam);

public static class QuarantineDecisions
{
    /// <summary>
    /// Records the message unless its quarantine id is already there (the filter may report a message twice). It is
    /// the recipient's first spam when the quarantine has never held anything: the caller starts the stream then, so
    /// of two racing first messages only one can be first.
    /// </summary>
    public static QuarantineDecision Record(RecipientQuarantine state, bool streamExists, SpamQuarantined message)
    {
        if (state.QuarantineIds.Contains(message.QuarantineId))
        {
            return new QuarantineDecision([], IsFirstSpam: false);
        }

        var recorded = new SpamRecorded(message.QuarantineId, message.Sender, message.Subject, message.Score, message.ReceivedAt);
        return new QuarantineDecision([recorded], IsFirstSpam: !streamExists);
    }
}
