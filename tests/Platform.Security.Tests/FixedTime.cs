namespace Platform.Security.Tests;

/// <summary>A clock stopped at one instant, to issue tokens in the past or the future.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public static FixedTime Ago(TimeSpan span) => new(DateTimeOffset.UtcNow - span);

    public static FixedTime FromNow(TimeSpan span) => new(DateTimeOffset.UtcNow + span);
}
