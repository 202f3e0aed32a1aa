using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Daemon;
using Marten.Events.Projections;
using Weasel.Postgresql.Tables;

namespace Platform.Outbox.Store;

/// <summary>
/// A read model kept in relational tables of its own — where a query is better served by rows and indexes than by
/// JSON documents (the recipient index, the registry, quarantine entries). Marten runs it like any projection: inline
/// in the writing transaction or by its async daemon, and rebuilds it from the events after emptying its tables.
/// </summary>
/// <remarks>
/// <see cref="ApplyAsync"/> receives a slice of events in order. Writes go to <c>operations.QueueSqlCommand</c> (they
/// run in the same batch and transaction as the events, in order); reads see the tables as they were before the
/// slice — a projection that needs its own earlier writes keeps them in memory for the slice.
/// </remarks>
public abstract class TableProjection : IProjection
{
    /// <summary>The projection's name in Marten (its progress row, its rebuild command).</summary>
    public abstract string Name { get; }

    /// <summary>The tables it owns, created and upgraded by Marten's migration, emptied before a rebuild.</summary>
    public abstract IEnumerable<Table> Tables(string schema);

    public abstract Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation);
}

public static class TableProjectionRegistration
{
    /// <summary>Registers <paramref name="projection"/> and its tables with the store.</summary>
    public static StoreOptions AddTableProjection(this StoreOptions options, TableProjection projection, ProjectionLifecycle lifecycle)
    {
        var tables = projection.Tables(options.DatabaseSchemaName).ToList();
        options.Storage.ExtendedSchemaObjects.AddRange(tables);
        options.Projections.Add(projection, lifecycle, projection.Name, asyncOptions =>
        {
            foreach (var table in tables)
            {
                asyncOptions.DeleteDataInTableOnTeardown(table.Identifier.QualifiedName);
            }
        });
        return options;
    }
}
