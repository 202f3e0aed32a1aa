using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Platform.Auth.Admins;

/// <summary>
/// Each local admin as a Marten snapshot (<see cref="AdminAccount"/>), updated in the transaction that appends to the
/// admin's stream, as the admin login and the admin list read it.
/// </summary>
public sealed class AdminProjection : SingleStreamProjection<AdminAccount, string>
{
    // Only the credential events concern it: a commit touching only sessions, links, clients or directories loads no snapshot.
    public AdminProjection() => IncludeType<Accounts.CredentialEvent>();

    public override AdminAccount? Evolve(AdminAccount? snapshot, string id, IEvent e) =>
        id.StartsWith(AdminCreated.StreamId(""), StringComparison.Ordinal) && e.Data is Accounts.CredentialEvent credential
            ? AdminAccount.After(snapshot, credential, e.Version)
            : snapshot;
}
