namespace Platform.EventStore.Projections;

/// <summary>
/// Where an async projection stands, in commit order: the writing transaction id, then the global position.
/// Sequence numbers are taken before commit, so a transaction can commit a lower position after a higher one is
/// visible; ordering by (transaction, position) and reading only transactions older than every running one means a
/// reader never steps past an event that commits later.
/// </summary>
internal readonly record struct ProjectionCheckpoint(long Transaction, long Position)
{
    public static readonly ProjectionCheckpoint Start = new(0, 0);
}
