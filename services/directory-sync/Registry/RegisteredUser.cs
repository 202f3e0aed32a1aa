namespace Platform.DirectorySync.Registry;

/// <summary>A user of the managed list, folded from the stream <c>user/{domain}/{email}</c> (<see cref="After"/>; not named Apply, which Marten would take for its conventions).</summary>
public sealed record RegisteredUser(string? Source, string Status, bool Deleted, DateTimeOffset? FirstSeen, DateTimeOffset? LastLogin)
{
    public static RegisteredUser Initial { get; } = new(null, UserStatuses.Active, false, null, null);

    /// <summary>The stream key (set by Marten).</summary>
    public string Id { get; set; } = "";

    /// <summary>Registered and not deleted since.</summary>
    public bool Known => Source is not null && !Deleted;

    public static string StreamId(string domain, string email) => $"user/{domain}/{email}";

    public RegisteredUser After(RegistryEvent @event) => @event switch
    {
        UserRegistered e => new RegisteredUser(e.Source, UserStatuses.Active, false, e.At, null) { Id = Id },
        UserStatusSet e => this with { Status = e.Status },
        UserLoggedIn e => this with { LastLogin = e.At },
        RegistryUserDeleted => this with { Deleted = true },
        _ => this,
    };
}
