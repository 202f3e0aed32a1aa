namespace Platform.Bench.EventStore;

/// <summary>An event about the size of the platform's own (a user registered with a few fields).</summary>
internal sealed record UserSeen(string Domain, string Email, string Source, DateTimeOffset At);

/// <summary>Many users in one event, as a sync chunk records its changes.</summary>
internal sealed record UsersSeen(IReadOnlyList<UserSeen> Users);

/// <summary>The one event every side of the eventstore benchmark writes, so each stores the same bytes.</summary>
internal static class BenchEvents
{
    public static UserSeen Sample(int i) => new("example.com", $"user{i}@example.com", "directory", DateTimeOffset.UtcNow);
}
