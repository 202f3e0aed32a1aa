namespace Platform.Bench.EventStore;

/// <summary>An event about the size of the platform's own (a user registered with a few fields).</summary>
internal sealed record UserSeen(string Domain, string Email, string Source, DateTimeOffset At);
