using System.Text.Json;
using Npgsql;

namespace Platform.EventStore.Events;

/// <summary>Turns rows of the events table into <see cref="RecordedEvent"/>s, upcasting old versions.</summary>
internal static class EventReader
{
    public const string Columns = "seq, id, stream_id, version, type, schema_version, data::text, metadata::text, recorded_at";

    /// <param name="readExtra">Reads columns selected after <see cref="Columns"/> for each row.</param>
    public static async Task<List<RecordedEvent>> ReadAsync(
        NpgsqlCommand command, EventTypeRegistry registry, CancellationToken cancellationToken, Action<NpgsqlDataReader>? readExtra = null)
    {
        var events = new List<RecordedEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new RecordedEvent(
                Position: reader.GetInt64(0),
                Id: reader.GetGuid(1),
                StreamId: reader.GetString(2),
                Version: reader.GetInt64(3),
                Type: reader.GetString(4),
                Data: registry.Deserialize(reader.GetString(4), reader.GetInt32(5), reader.GetString(6)),
                Metadata: JsonSerializer.Deserialize<EventMetadata>(reader.GetString(7), EventTypeRegistry.Json)!,
                RecordedAt: reader.GetFieldValue<DateTimeOffset>(8)));
            readExtra?.Invoke(reader);
        }

        return events;
    }
}
