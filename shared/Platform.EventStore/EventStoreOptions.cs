using System.Text.RegularExpressions;
using Platform.EventStore.Events;
using Platform.EventStore.Outbox;
using Platform.EventStore.Projections;

namespace Platform.EventStore;

public sealed partial class EventStoreOptions
{
    private string _schema = "eventstore";

    /// <summary>The PostgreSQL schema holding this service's streams, outbox, inbox and checkpoints.</summary>
    public string Schema
    {
        get => _schema;
        set => _schema = SchemaName().IsMatch(value)
            ? value
            : throw new ArgumentException($"'{value}' is not a valid schema name (lower-case letters, digits, '_').", nameof(value));
    }

    public EventTypeRegistry Events { get; } = new();

    /// <summary>Integration messages the outbox may carry (e.g. every type in Platform.Contracts).</summary>
    public MessageTypeRegistry Messages { get; } = new();

    /// <summary>Updated in the same transaction as the events they read.</summary>
    public List<IProjection> InlineProjections { get; } = [];

    /// <summary>Updated behind the writes by the projection daemon, from a checkpoint.</summary>
    public List<IProjection> AsyncProjections { get; } = [];

    /// <summary>The name PostgreSQL NOTIFY uses to wake the outbox relay.</summary>
    internal string OutboxChannel => OutboxStorage.ChannelOf(Schema);

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
