using Platform.Contracts;
using Platform.DirectorySync.Settings;
using Xunit;

namespace Platform.DirectorySync.Tests.Settings;

public sealed class Deciding_to_sync_on_save
{
    private static readonly SavedSettings Saved = new()
    {
        Kind = "openLdap", Host = "ldap.example.com", Security = "starttls", ConnectTimeoutSeconds = 5, OperationTimeoutSeconds = 30,
        BindDn = "cn=sync,dc=example,dc=com", BaseDn = "ou=people,dc=example,dc=com", AutomaticSync = true, SyncIntervalMinutes = 60,
        DeletionThresholdPercent = 10, Attributes = new DirectoryAttributeOverrides { Aliases = ["mailAlternateAddress"] },
    };

    [Fact]
    public void Syncs_a_domain_configured_for_the_first_time_with_automatic_sync() =>
        Assert.True(SyncOnSave.Needed(null, Saved, newBindPassword: true));

    [Fact]
    public void Leaves_a_domain_without_automatic_sync_to_its_admin()
    {
        Assert.False(SyncOnSave.Needed(null, Saved with { AutomaticSync = false }, newBindPassword: true));
        Assert.False(SyncOnSave.Needed(Saved, Saved with { AutomaticSync = false, BaseDn = "dc=example,dc=com" }, newBindPassword: false));
    }

    [Fact]
    public void Syncs_when_automatic_sync_is_turned_on() =>
        Assert.True(SyncOnSave.Needed(Saved with { AutomaticSync = false }, Saved, newBindPassword: false));

    [Theory]
    [MemberData(nameof(ChangesToWhatIsRead))]
    public void Syncs_when_what_is_read_changes(SavedSettings after) => Assert.True(SyncOnSave.Needed(Saved, after, newBindPassword: false));

    [Fact]
    public void Syncs_when_a_new_bind_password_is_given() => Assert.True(SyncOnSave.Needed(Saved, Saved, newBindPassword: true));

    [Fact]
    public void Does_not_sync_when_only_the_schedule_threshold_timeouts_or_login_settings_change()
    {
        var after = Saved with
        {
            SyncIntervalMinutes = 15, DeletionThresholdPercent = 25, ConnectTimeoutSeconds = 10, OperationTimeoutSeconds = 60,
            SearchAttribute = "mail", UserBindTemplate = "uid={0},ou=people,dc=example,dc=com",
            Attributes = new DirectoryAttributeOverrides { Aliases = ["mailAlternateAddress"] },
        };

        Assert.False(SyncOnSave.Needed(Saved, after, newBindPassword: false));
    }

    public static TheoryData<SavedSettings> ChangesToWhatIsRead() =>
    [
        Saved with { Host = "ldap2.example.com" },
        Saved with { Port = 1389 },
        Saved with { Security = "ldaps" },
        Saved with { Kind = "zimbra" },
        Saved with { CaCertificatePem = "-----BEGIN CERTIFICATE-----" },
        Saved with { FailoverHost = "ldap-b.example.com" },
        Saved with { BindDn = "cn=other,dc=example,dc=com" },
        Saved with { BaseDn = "dc=example,dc=com" },
        Saved with { ExtraFilter = "(memberOf=cn=mail,ou=groups,dc=example,dc=com)" },
        Saved with { Attributes = new DirectoryAttributeOverrides { Aliases = ["otherMailbox"] } },
    ];
}
