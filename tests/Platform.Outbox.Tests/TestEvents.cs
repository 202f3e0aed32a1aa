using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;

namespace Platform.Outbox.Tests;

/// <summary>The events of a test account stream: a closed set.</summary>
public abstract record AccountEvent;

public sealed record AccountOpened(string Owner) : AccountEvent;

public sealed record Deposited(decimal Amount) : AccountEvent;

public sealed record Withdrawn(decimal Amount) : AccountEvent;

/// <summary>A small account, folded from its events: enough to show streams, versions and state.</summary>
public sealed record Account(string? Owner, decimal Balance)
{
    public static Account Initial { get; } = new(null, 0);

    public string Id { get; set; } = "";

    // Not named Apply: Marten would take an Apply method on the document for its own conventions, beside Evolve.
    public Account Fold(AccountEvent e) => e switch
    {
        AccountOpened opened => this with { Owner = opened.Owner },
        Deposited deposited => this with { Balance = Balance + deposited.Amount },
        Withdrawn withdrawn => this with { Balance = Balance - withdrawn.Amount },
        _ => this,
    };
}

/// <summary>Marten's fold of an account stream, through the pure <see cref="Account.Fold"/>.</summary>
public sealed class AccountProjection : SingleStreamProjection<Account, string>
{
    public override Account Evolve(Account? snapshot, string id, IEvent e) =>
        e.Data is AccountEvent data ? (snapshot ?? Account.Initial).Fold(data) : snapshot ?? Account.Initial;
}

internal static class TestEvents
{
    public static void Register(StoreOptions options)
    {
        options.Events.MapEventType<AccountOpened>("account-opened");
        options.Events.MapEventType<Deposited>("deposited");
        options.Events.MapEventType<Withdrawn>("withdrawn");
    }
}

/// <summary>An account and how many events made it: kept inline, to show a projection sees every write of a group.</summary>
public sealed record AccountSnapshot(Account Account, int Events)
{
    public string Id { get; set; } = "";
}

public sealed class AccountSnapshots : SingleStreamProjection<AccountSnapshot, string>
{
    public override AccountSnapshot Evolve(AccountSnapshot? snapshot, string id, IEvent e)
    {
        var current = snapshot ?? new AccountSnapshot(Account.Initial with { Id = id }, 0);
        return e.Data is AccountEvent data ? current with { Account = current.Account.Fold(data), Events = current.Events + 1 } : current;
    }
}
