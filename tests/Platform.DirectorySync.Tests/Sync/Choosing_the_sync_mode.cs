using Platform.Contracts;
using Platform.DirectorySync.Sync;
using Xunit;

namespace Platform.DirectorySync.Tests.Sync;

public sealed class Choosing_the_sync_mode
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(SyncTriggers.Schedule, null, "time:20261122110000Z", 2, SyncModes.Changes)]
    [InlineData(SyncTriggers.Schedule, null, null, 2, SyncModes.Full)]
    [InlineData(SyncTriggers.Schedule, null, "time:20261122110000Z", 25, SyncModes.Full)]
    [InlineData(SyncTriggers.Manual, null, "time:20261122110000Z", 2, SyncModes.Full)]
    [InlineData(SyncTriggers.Manual, SyncModes.Changes, "time:20261122110000Z", 2, SyncModes.Changes)]
    [InlineData(SyncTriggers.Manual, SyncModes.Changes, null, 2, SyncModes.Full)]
    [InlineData(SyncTriggers.Manual, SyncModes.Changes, "time:20261122110000Z", 24, SyncModes.Full)]
    public void Reads_only_changes_when_there_is_a_mark_and_a_full_sync_within_a_day(
        string trigger, string? requested, string? lastMark, int hoursSinceFullSync, string expected)
    {
        Assert.Equal(expected, SyncModeDecision.Decide(trigger, requested, lastMark, Now.AddHours(-hoursSinceFullSync), Now));
    }

    [Fact]
    public void Reads_everything_when_no_full_sync_ever_completed()
    {
        Assert.Equal(SyncModes.Full, SyncModeDecision.Decide(SyncTriggers.Schedule, SyncModes.Changes, "time:20261122110000Z", null, Now));
    }
}
