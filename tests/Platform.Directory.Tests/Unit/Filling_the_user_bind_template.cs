using Platform.Directory.Settings;
using Xunit;

namespace Platform.Directory.Tests.Unit;

public sealed class Filling_the_user_bind_template
{
    [Theory]
    [InlineData("alice", "uid=alice,ou=people,dc=example,dc=com")]
    [InlineData("Smith, John", "uid=Smith\\, John,ou=people,dc=example,dc=com")]
    [InlineData("admin,ou=admins", "uid=admin\\,ou\\=admins,ou=people,dc=example,dc=com")]
    [InlineData("#x ", "uid=\\#x\\ ,ou=people,dc=example,dc=com")]
    [InlineData(" #x", "uid=\\ #x,ou=people,dc=example,dc=com")]
    public void Escapes_the_login_in_a_dn_template(string login, string expected)
    {
        Assert.Equal(expected, LoginTemplate.Fill("uid={login},ou=people,dc=example,dc=com", login));
    }

    [Theory]
    [InlineData("alice", "alice@corp.example.com")]
    [InlineData("j.doe-2", "j.doe-2@corp.example.com")]
    [InlineData("alice@evil.example", null)]
    [InlineData("corp\\admin", null)]
    [InlineData("a,b", null)]
    [InlineData("a*", null)]
    [InlineData("a\0", null)]
    public void Refuses_logins_that_would_change_a_name_template(string login, string? expected)
    {
        Assert.Equal(expected, LoginTemplate.Fill("{login}@corp.example.com", login));
    }

    [Theory]
    [InlineData("alice@example.com", "alice@example.com")]
    [InlineData("j.doe-2@corp.example.test", "j.doe-2@corp.example.test")]
    [InlineData("alice", null)]
    [InlineData("@example.com", null)]
    [InlineData("alice@", null)]
    [InlineData("alice@evil@example.com", null)]
    [InlineData("corp\\admin@example.com", null)]
    [InlineData("a*@example.com", null)]
    [InlineData("a,cn=admin@example.com", null)]
    [InlineData("alice@exa mple.com", null)]
    [InlineData("alice@example.com\0", null)]
    public void Takes_a_whole_upn_for_a_upn_bind_and_nothing_that_names_another_account(string login, string? expected)
    {
        Assert.Equal(expected, LoginTemplate.Fill("{login}", login));
    }
}
