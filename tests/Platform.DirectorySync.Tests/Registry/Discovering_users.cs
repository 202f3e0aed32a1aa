using Platform.DirectorySync.Registry;
using Xunit;

namespace Platform.DirectorySync.Tests.Registry;

public sealed class Discovering_users
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Registers_an_unknown_user_with_the_source_that_reported_them()
    {
        var events = RegistryDecisions.Discover(alreadyKnown: false, "example.com", "alice@example.com", "firstSpam", At);

        Assert.Equal([new UserRegistered("example.com", "alice@example.com", "firstSpam", At)], events);
        Assert.Equal("firstSpam", events.Aggregate(RegisteredUser.Initial, (s, e) => s.Apply(e)).Source);
    }

    [Fact]
    public void Adds_nothing_for_a_user_already_known_from_any_source()
    {
        Assert.Empty(RegistryDecisions.Discover(alreadyKnown: true, "example.com", "alice@example.com", "login", At));
    }
}
