using Platform.Directory.Connections;
using Platform.Directory.Passwords;
using Platform.Directory.Settings;
using Xunit;

namespace Platform.Directory.Tests.Unit;

public sealed class Refusing_passwords_that_are_not_passwords
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("\0")]
    [InlineData("\0x")]
    [InlineData("right\0x")]
    [InlineData("tab\there")]
    [InlineData("line\n")]
    [InlineData("\u001f")]
    [InlineData("del\u007f")]
    public void Never_sends_an_empty_password_or_one_with_a_control_character(string? password) =>
        Assert.False(BindPasswords.IsUsable(password));

    [Fact]
    public void Builds_no_bind_with_such_a_password_for_a_user_or_a_service_account()
    {
        var settings = new DirectorySettings
        {
            Kind = DirectoryKind.OpenLdap, Host = "ldap.example.com", BaseDn = "o=x", BindDn = "cn=svc,o=x", BindPassword = new DirectorySecret("svc\0x"),
        };

        Assert.Throws<ArgumentException>(() => BindIdentity.User("uid=uma,o=x", "right\0x"));
        Assert.Throws<InvalidOperationException>(() => BindIdentity.ServiceAccount(settings));
        Assert.Equal("uid=uma,o=x", BindIdentity.User("uid=uma,o=x", "right").Name);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("Correct horse 42!")]
    [InlineData("пароль ünïcödé 密码")]
    [InlineData("\u0080\u00a0")]
    public void Sends_any_other_password(string password) => Assert.True(BindPasswords.IsUsable(password));

    [Theory]
    [InlineData("dn:uid=uma,o=lenient", "uid=uma,o=lenient", true)]
    [InlineData("dn:UID=Uma, O=Lenient", "uid=uma,o=lenient", true)]
    [InlineData("dn:uid=O'Hara\\2C Jr. \\2B #2,o=lenient", "uid=O'Hara\\, Jr. \\+ \\#2,o=lenient", true)]
    [InlineData("dn:cn=J\\C3\\BCrgen,o=lenient", "cn=Jürgen,o=lenient", true)]
    [InlineData("u:CORP\\jdoe", "jdoe@corp.example.test", true)]
    [InlineData("u:CORP\\jdoe", "CN=John Doe,CN=Users,DC=corp,DC=example,DC=test", true)]
    [InlineData("dn:uid=uma,o=lenient", "uma@lenient.example", true)]
    [InlineData("", "uid=uma,o=lenient", false)]
    [InlineData(null, "uid=uma,o=lenient", false)]
    [InlineData("dn:", "uid=uma,o=lenient", false)]
    [InlineData("u:", "jdoe@corp.example.test", false)]
    [InlineData("dn:uid=other,o=lenient", "uid=uma,o=lenient", false)]
    [InlineData("dn:uid=uma,ou=people,o=lenient", "uid=uma,o=lenient", false)]
    public void Counts_a_bind_only_when_who_am_i_names_somebody_and_for_a_dn_that_dn(string? answer, string bindName, bool confirmed) =>
        Assert.Equal(confirmed, BoundIdentity.Confirms(answer, bindName));
}
