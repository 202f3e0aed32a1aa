using Platform.EventStore.Events;

namespace Platform.EventStore.Tests;

internal sealed record AccountOpened(string Owner);

internal sealed record Deposited(decimal Amount);

internal sealed record Withdrawn(decimal Amount);

/// <summary>A small account, folded from its events: enough to show streams, versions and state.</summary>
internal sealed record Account(string? Owner, decimal Balance) : IFold<Account>
{
    public static Account Initial { get; } = new(null, 0);

    public Account Apply(object @event) => @event switch
    {
        AccountOpened e => this with { Owner = e.Owner },
        Deposited e => this with { Balance = Balance + e.Amount },
        Withdrawn e => this with { Balance = Balance - e.Amount },
        _ => this,
    };
}

internal static class TestEvents
{
    public static void Register(EventTypeRegistry registry) => registry
        .Register<AccountOpened>("account-opened")
        .Register<Deposited>("deposited")
        .Register<Withdrawn>("withdrawn");
}
