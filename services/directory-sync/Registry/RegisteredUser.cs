using Platform.EventStore.Events;

namespace Platform.DirectorySync.Registry;

/// <summary>A user of the managed list, folded from the stream <c>user/{domain}/{email}</c>.</summary>
public sealed record RegisteredUser(string? Source) : IFold<RegisteredUser>
{
    public static RegisteredUser Initial { get; } = new((string?)null);

    public static string StreamId(string domain, string email) => $"user/{domain}/{email}";

    public RegisteredUser Apply(object @event) => @event switch
    {
        UserRegistered e => this with { Source = e.Source },
        _ => this,
    };
}
