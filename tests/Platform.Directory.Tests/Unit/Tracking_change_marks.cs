using Platform.Directory.Mapping;
using Platform.Directory.Search;
using Xunit;

namespace Platform.Directory.Tests.Unit;

public sealed class Tracking_change_marks
{
    [Fact]
    public void Stores_and_restores_marks()
    {
        ChangeMark usn = new UsnChangeMark("dc1.corp.example.com", 987654);
        ChangeMark time = new TimestampChangeMark(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero));

        Assert.Equal("usn:987654:dc1.corp.example.com", usn.Serialize());
        Assert.Equal("time:20240102030405Z", time.Serialize());
        Assert.Equal(usn, ChangeMark.Parse(usn.Serialize()));
        Assert.Equal(time, ChangeMark.Parse(time.Serialize()));
        Assert.Throws<FormatException>(() => ChangeMark.Parse("usn:x:dc1"));
        Assert.Throws<FormatException>(() => ChangeMark.Parse("yesterday"));
    }

    [Fact]
    public void Asks_for_changes_after_the_mark()
    {
        Assert.Equal("(uSNChanged>=987655)", ChangeQueries.Clause(new UsnChangeMark("dc1", 987654)));
        Assert.Equal("(modifyTimestamp>=20240102030405Z)", ChangeQueries.Clause(new TimestampChangeMark(new DateTimeOffset(2024, 1, 2, 4, 4, 5, TimeSpan.FromHours(1)))));
    }

    [Fact]
    public void Requires_a_full_sync_when_the_usn_mark_comes_from_another_domain_controller()
    {
        var mark = new UsnChangeMark("dc1.corp.example.com", 100);

        Assert.Null(ChangeQueries.FullSyncReason(mark, ChangeTracking.UsnChanged, "DC1.corp.example.com"));
        Assert.Null(ChangeQueries.FullSyncReason(mark, ChangeTracking.UsnChanged, server: null));
        Assert.Contains("dc2.corp.example.com", ChangeQueries.FullSyncReason(mark, ChangeTracking.UsnChanged, "dc2.corp.example.com"), StringComparison.Ordinal);
    }

    [Fact]
    public void Requires_a_full_sync_when_the_mark_does_not_fit_the_change_tracking()
    {
        Assert.NotNull(ChangeQueries.FullSyncReason(new UsnChangeMark("dc1", 1), ChangeTracking.ModifyTimestamp, "dc1"));
        Assert.NotNull(ChangeQueries.FullSyncReason(new TimestampChangeMark(DateTimeOffset.UnixEpoch), ChangeTracking.UsnChanged, "dc1"));
        Assert.Null(ChangeQueries.FullSyncReason(new TimestampChangeMark(DateTimeOffset.UnixEpoch), ChangeTracking.ModifyTimestamp, "any"));
    }

    [Theory]
    [InlineData("20240102030405Z", "2024-01-02T03:04:05+00:00")]
    [InlineData("20240102030405.0Z", "2024-01-02T03:04:05+00:00")]
    [InlineData("20240102030405,123Z", "2024-01-02T03:04:05+00:00")]
    [InlineData("202401020304Z", "2024-01-02T03:04:00+00:00")]
    [InlineData("20240102040405+0100", "2024-01-02T03:04:05+00:00")]
    [InlineData("20240102010405-02", "2024-01-02T03:04:05+00:00")]
    public void Reads_generalized_time(string text, string expected)
    {
        Assert.True(GeneralizedTime.TryParse(text, out var time));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), time);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2024")]
    [InlineData("20240102030405")]
    [InlineData("20241302030405Z")]
    [InlineData("20240102030405Zjunk")]
    public void Rejects_what_is_not_generalized_time(string text)
    {
        Assert.False(GeneralizedTime.TryParse(text, out _));
    }
}
