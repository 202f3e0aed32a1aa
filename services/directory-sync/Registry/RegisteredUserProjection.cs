using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Platform.DirectorySync.Registry;

/// <summary>Marten's live aggregation of <see cref="RegisteredUser"/>, for an admin's change to one user.</summary>
public sealed class RegisteredUserProjection : SingleStreamProjection<RegisteredUser, string>
{
    public override RegisteredUser Evolve(RegisteredUser? snapshot, string id, IEvent e) =>
        (e.Data is RegistryEvent change ? (snapshot ?? RegisteredUser.Initial).After(change) : snapshot ?? RegisteredUser.Initial) with { Id = id };
}
