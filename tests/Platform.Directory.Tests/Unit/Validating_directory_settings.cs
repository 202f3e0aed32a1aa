using Platform.Directory.Mapping;
using Platform.Directory.Settings;
using Xunit;

namespace Platform.Directory.Tests.Unit;

public sealed class Validating_directory_settings
{
    private const string Password = "s3cret-Pa55word";

    private static readonly DirectorySettings Valid = new()
    {
        Kind = DirectoryKind.ActiveDirectory,
        Host = "dc1.corp.example.com",
        Security = DirectorySecurity.Ldaps,
        BindDn = "svc-mail@corp.example.com",
        BindPassword = new DirectorySecret(Password),
        BaseDn = "OU=Staff,DC=corp,DC=example,DC=com",
    };

    [Fact]
    public void Accepts_complete_settings_with_the_kinds_defaults()
    {
        Assert.Empty(Valid.Validate());
        Assert.Equal(636, Valid.EffectivePort);
        Assert.Equal(389, (Valid with { Security = DirectorySecurity.StartTls }).EffectivePort);
        Assert.Equal(389, (Valid with { Security = DirectorySecurity.None }).EffectivePort);
        Assert.Equal(3269, (Valid with { Port = 3269 }).EffectivePort);
        Assert.Equal("sAMAccountName", Valid.LoginAttribute);
        Assert.Equal("uid", (Valid with { Kind = DirectoryKind.OpenLdap }).LoginAttribute);
        Assert.Equal("userPrincipalName", (Valid with { SearchAttribute = "userprincipalname" }).LoginAttribute);
    }

    public static TheoryData<string, DirectorySettings, string> InvalidSettings() => new()
    {
        { "Host", Valid with { Host = "" }, "required" },
        { "Host", Valid with { Host = "ldaps://dc1.corp.example.com" }, "without ldap://" },
        { "Host", Valid with { Host = "dc1.corp.example.com:636" }, "port setting" },
        { "Host", Valid with { Host = "dc1 corp" }, "not a valid host name" },
        { "FailoverHost", Valid with { FailoverHost = "DC1.corp.example.com" }, "same as the host" },
        { "FailoverHost", Valid with { FailoverHost = "bad host" }, "not a valid host name" },
        { "Port", Valid with { Port = 0 }, "between 1 and 65535" },
        { "Port", Valid with { Port = 70000 }, "between 1 and 65535" },
        { "Security", Valid with { Security = (DirectorySecurity)7 }, "none, starttls or ldaps" },
        { "CaCertificatePem", Valid with { CaCertificatePem = "not a certificate" }, "PEM" },
        { "CaCertificatePem", Valid with { Security = DirectorySecurity.None, CaCertificatePem = "x" }, "only used with starttls or ldaps" },
        { "ConnectTimeout", Valid with { ConnectTimeout = TimeSpan.Zero }, "more than 0" },
        { "OperationTimeout", Valid with { OperationTimeout = TimeSpan.FromHours(1) }, "at most 10 minutes" },
        { "BindPassword", Valid with { BindPassword = new DirectorySecret("") }, "would bind anonymously" },
        { "BindPassword", Valid with { BindPassword = null }, "required" },
        { "BindPassword", Valid with { BindPassword = new DirectorySecret("\0") }, "control character" },
        { "BindPassword", Valid with { BindPassword = new DirectorySecret("service-password\0x") }, "control character" },
        { "BindDn", Valid with { BindDn = " " }, "required" },
        { "BindDn", Valid with { BindDn = "cn=svc,,dc=x" }, "not a valid DN" },
        { "BindDn", Valid with { BindDn = null, BindPassword = null }, "user bind template" },
        { "BaseDn", Valid with { BaseDn = "" }, "required" },
        { "BaseDn", Valid with { BaseDn = "corp.example.com" }, "not a valid DN" },
        { "SearchAttribute", Valid with { SearchAttribute = "displayName" }, "sAMAccountName, userPrincipalName, uid, cn, mail" },
        { "ExtraFilter", Valid with { ExtraFilter = "(memberOf=cn=x" }, "unbalanced" },
        { "ExtraFilter", Valid with { ExtraFilter = "memberOf=cn=x" }, "parentheses" },
        { "PageSize", Valid with { PageSize = 1001 }, "between 1 and 1000" },
        { "PageSize", Valid with { PageSize = 0 }, "between 1 and 1000" },
        { "UserBindTemplate", Valid with { UserBindTemplate = "uid=x,dc=example" }, "{login} exactly once" },
        { "UserBindTemplate", Valid with { UserBindTemplate = "uid={login},dc=,x" }, "not a valid DN" },
        { "Attributes", Valid with { Attributes = new AttributeOverrides { Id = "entry UUID" } }, "not a valid attribute name" },
        { "Attributes", Valid with { Attributes = new AttributeOverrides { UserFilter = "(objectClass=user" } }, "User filter" },
        { "Kind", Valid with { Kind = (DirectoryKind)9 }, "ActiveDirectory, OpenLdap or Zimbra" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Names_the_invalid_field_with_a_message_the_admin_can_act_on(string field, DirectorySettings settings, string message)
    {
        var problem = Assert.Single(settings.Validate());

        Assert.Equal(field, problem.Field);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_every_invalid_field_at_once()
    {
        var settings = Valid with { Host = "", BaseDn = "", PageSize = 0 };

        var error = Assert.Throws<InvalidDirectorySettingsException>(() => settings.EnsureValid());

        Assert.Equal([("Host", "host_required"), ("BaseDn", "base_dn_required"), ("PageSize", "invalid_page_size")], error.Problems.Select(p => (p.Field, p.Code)));
    }

    [Fact]
    public void Accepts_settings_without_a_service_account_when_users_bind_with_a_template()
    {
        var settings = Valid with { BindDn = null, BindPassword = null, UserBindTemplate = "{login}@corp.example.com" };

        Assert.Empty(settings.Validate());
        Assert.False(settings.HasServiceAccount);
    }

    [Fact]
    public void Accepts_a_host_with_an_overlong_label_leaving_it_to_dns()
    {
        Assert.Empty((Valid with { Host = new string('a', 70) + ".example.com" }).Validate());
        Assert.Empty((Valid with { Host = "::1" }).Validate());
        Assert.Empty((Valid with { Host = "192.0.2.10" }).Validate());
    }

    [Fact]
    public void Never_prints_the_password()
    {
        var settings = Valid with { BindPassword = new DirectorySecret(Password), Host = "" };

        Assert.DoesNotContain(Password, settings.ToString(), StringComparison.Ordinal);
        Assert.Contains("BindPassword = ********", settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, new InvalidDirectorySettingsException(settings.Validate()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compares_secrets_by_value()
    {
        Assert.Equal(new DirectorySecret("a"), new DirectorySecret("a"));
        Assert.NotEqual(new DirectorySecret("a"), new DirectorySecret("b"));
        Assert.Equal(Valid, Valid with { BindPassword = new DirectorySecret(Password) });
    }

    [Theory]
    [InlineData("none", DirectorySecurity.None)]
    [InlineData("StartTLS", DirectorySecurity.StartTls)]
    [InlineData(" ldaps ", DirectorySecurity.Ldaps)]
    public void Reads_the_security_setting_by_name(string name, DirectorySecurity expected)
    {
        Assert.True(DirectorySecurityNames.TryParse(name, out var security));
        Assert.Equal(expected, security);
        Assert.Equal(name.Trim().ToLowerInvariant(), security.ToName());
        Assert.False(DirectorySecurityNames.TryParse("tls", out _));
    }

    [Fact]
    public void Applies_overrides_on_top_of_the_kinds_mapping()
    {
        var mapping = (Valid with { Attributes = new AttributeOverrides { Id = "entryUUID", Aliases = ["mailAlternateAddress"] } }).Mapping;

        Assert.Equal("entryUUID", mapping.Id);
        Assert.False(mapping.IdIsBinaryGuid);
        Assert.Equal(["mailAlternateAddress"], mapping.Aliases);
        Assert.Equal(ChangeTracking.UsnChanged, mapping.Changes);
        Assert.Equal(DisabledRuleKind.AccountControlFlag, mapping.Disabled.Kind);
        Assert.True(DirectoryKindDefaults.For(DirectoryKind.ActiveDirectory).IdIsBinaryGuid);
        Assert.Equal(DisabledRuleKind.None, DirectoryKindDefaults.For(DirectoryKind.OpenLdap).Disabled.Kind);
        Assert.Equal(DisabledRuleKind.ActiveStatus, DirectoryKindDefaults.For(DirectoryKind.Zimbra).Disabled.Kind);
    }
}
