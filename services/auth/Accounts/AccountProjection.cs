using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Platform.Auth.Accounts;

/// <summary>
/// Each email user's <see cref="Account"/> as a Marten snapshot, updated in the transaction that appends to the
/// account stream: a login fetches one document instead of replaying a stream that grows with every login. The
/// lockout and second-factor events of admins' streams are no account's.
/// </summary>
public sealed class AccountProjection : SingleStreamProjection<Account, string>
{
    // Only the credential events concern it: a commit touching only sessions, links, clients or directories loads no snapshot.
    public AccountProjection() => IncludeType<CredentialEvent>();

    public override Account? Evolve(Account? snapshot, string id, IEvent e) =>
        id.StartsWith(AccountStreams.Prefix, StringComparison.Ordinal) && e.Data is CredentialEvent credential
            ? (snapshot ?? Account.Initial with { Id = id }).After(credential)
            : snapshot;
}
