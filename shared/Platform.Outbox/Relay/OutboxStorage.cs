using Npgsql;

namespace Platform.Outbox.Relay;

/// <summary>
/// Where a service's outbox and inbox live: its PostgreSQL schema on its data source, and the message types the relay
/// may instantiate from a stored row. The relay, its leadership and the session helpers need nothing else.
/// </summary>
public sealed class OutboxStorage(NpgsqlDataSource dataSource, string schema, MessageTypeRegistry messages)
{
    public NpgsqlDataSource DataSource => dataSource;

    public string Schema => schema;

    public MessageTypeRegistry Messages => messages;

    /// <summary>The name PostgreSQL NOTIFY uses to wake the relay.</summary>
    public string Channel => ChannelOf(schema);

    public static string ChannelOf(string schema) => schema + "_outbox";
}
