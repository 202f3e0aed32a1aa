using JasperFx.Events;
using Marten.Exceptions;
using Npgsql;

namespace Platform.Outbox.Store;

/// <summary>What a failed Marten commit means for the code that tried it.</summary>
public static class StoreErrors
{
    /// <summary>The inbox already holds the message: it was handled before, and nothing of this commit was written.</summary>
    public static bool IsDuplicateMessage(Exception e) =>
        Postgres(e) is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "inbox_pkey" };

    /// <summary>
    /// A stream was not where the commit expected it: another writer appended first, or started a stream this commit
    /// meant to start. Reading again and deciding again is the answer.
    /// </summary>
    public static bool IsConcurrencyConflict(Exception e) =>
        e is JasperFx.ConcurrencyException or EventStreamUnexpectedMaxEventIdException
            or JasperFx.Events.ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException
        // Two writers creating the same stream through the append function: Marten passes the key violation through.
        || e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "pkey_mt_streams_id" or "pk_mt_events_stream_and_version" }
        || e.InnerException is { } inner && IsConcurrencyConflict(inner);

    private static PostgresException? Postgres(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres)
            {
                return postgres;
            }
        }

        return null;
    }
}
