using System.Text.RegularExpressions;
using JasperFx;
using JasperFx.Events;
using Marten;
using Weasel.Core;

namespace Platform.Outbox.Store;

/// <summary>
/// How every service sets up its Marten store: its own schema, string stream keys (<c>account/…</c>), quick append,
/// correlation, causation, user name and headers on each event (the W3C traceparent travels in the headers), the
/// outbox and inbox tables beside the events, and lock ids of its own — the services share one database, and Marten's
/// migration and projection daemon locks must not make one service wait for another.
/// </summary>
public static partial class PlatformStoreOptions
{
    public static StoreOptions Create(string schema, bool applySchemaChanges = true)
    {
        var options = new StoreOptions();
        Apply(options, schema, applySchemaChanges);
        return options;
    }

    public static void Apply(StoreOptions options, string schema, bool applySchemaChanges = true)
    {
        ValidateSchema(schema);
        options.DatabaseSchemaName = schema;
        options.AutoCreateSchemaObjects = applySchemaChanges ? AutoCreate.CreateOrUpdate : AutoCreate.None;
        // jsonb keeps its keys in its own order, so the kind of a polymorphic value (System.Text.Json's discriminator)
        // comes back wherever PostgreSQL put it.
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase, configure: json => json.AllowOutOfOrderMetadataProperties = true);
        options.Events.StreamIdentity = StreamIdentity.AsString;
        options.Events.AppendMode = EventAppendMode.Quick;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.HeadersEnabled = true;
        options.Events.MetadataConfig.UserNameEnabled = true;
        options.Storage.ExtendedSchemaObjects.AddRange(OutboxTables.For(schema));
        options.Listeners.Add(TraceHeaders.Instance);
        var lockId = LockIdOf(schema);
        options.ApplyChangesLockId = lockId;
        options.Projections.DaemonLockId = lockId + 1;
    }

    /// <summary>Lower-case letters, digits and '_': the schema name is written into SQL.</summary>
    public static string ValidateSchema(string schema) =>
        SchemaName().IsMatch(schema)
            ? schema
            : throw new ArgumentException($"'{schema}' is not a valid schema name (lower-case letters, digits, '_').", nameof(schema));

    /// <summary>A stable advisory lock id per schema (string.GetHashCode differs between processes).</summary>
    internal static int LockIdOf(string schema)
    {
        var hash = 17;
        foreach (var c in schema)
        {
            hash = unchecked(hash * 31 + c);
        }

        return (hash & 0x3FFFFFF0) + 0x100;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
