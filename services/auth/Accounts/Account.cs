using Platform.Auth.Lockout;
using Platform.Auth.Mfa;
using Platform.Contracts;

namespace Platform.Auth.Accounts;

/// <summary>
/// What auth knows of one email user, folded from their account stream: whether the registry knows and lets them in,
/// their last login, their failed logins and lock, their second factor.
/// </summary>
public sealed record Account(
    bool Known, string Status, DateTimeOffset? StatusAt, DateTimeOffset? LastLogin, AccountLockout Lockout, SecondFactor SecondFactor)
{
    public static Account Initial { get; } = new(false, AccountStatuses.Active, null, null, AccountLockout.Initial, SecondFactor.Initial);

    /// <summary>The account's stream id, as Marten keeps its snapshot.</summary>
    public string Id { get; set; } = "";

    public bool IsInactive => Status == AccountStatuses.Inactive;

    /// <summary>What the last directory sync said of the user (<see cref="DirectoryStates"/>); enabled until told otherwise.</summary>
    public string DirectoryState { get; init; } = DirectoryStates.Enabled;

    /// <summary>When the directory state was found, by directory-sync's clock: a later finding wins.</summary>
    public DateTimeOffset? DirectoryStateAt { get; init; }

    /// <summary>The registry does not know them and they never logged in: their login makes them known.</summary>
    public bool FirstLogin => !Known && LastLogin is null;

    /// <summary>The account after <paramref name="event"/> (not named Apply: Marten would take that for a convention of its own).</summary>
    public Account After(CredentialEvent @event) => @event switch
    {
        RegistryUserKnown => this with { Known = true },
        // Deactivation and reactivation may arrive out of order: the later one by the registry's clock wins.
        RegistryStatusLearned e when StatusAt is null || e.At >= StatusAt => this with { Status = e.Status, StatusAt = e.At },
        RegistryUserForgotten e => this with { Known = false, Status = AccountStatuses.Active, StatusAt = e.At },
        DirectoryStateLearned e when DirectoryStateAt is null || e.At >= DirectoryStateAt => this with { DirectoryState = e.State, DirectoryStateAt = e.At },
        // The directory itself just accepted their password: whatever a sync said before, the entry is there and enabled.
        LoggedIn { Method: LoginMethods.Password } e => this with { LastLogin = e.At, DirectoryState = DirectoryStates.Enabled, DirectoryStateAt = e.At },
        LoggedIn e => this with { LastLogin = e.At },
        _ => this with { Lockout = Lockout.Apply(@event), SecondFactor = SecondFactor.Apply(@event) },
    };
}
