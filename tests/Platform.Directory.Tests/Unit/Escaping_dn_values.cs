using Platform.Directory.Escaping;
using Xunit;

namespace Platform.Directory.Tests.Unit;

public sealed class Escaping_dn_values
{
    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("Smith, John", "Smith\\, John")]
    [InlineData("a+b", "a\\+b")]
    [InlineData("say \"hi\"", "say \\\"hi\\\"")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("<tag>", "\\<tag\\>")]
    [InlineData("a;b", "a\\;b")]
    [InlineData("a=b", "a\\=b")]
    [InlineData(" leading", "\\ leading")]
    [InlineData("trailing ", "trailing\\ ")]
    [InlineData(" ", "\\ ")]
    [InlineData("   ", "\\  \\ ")]
    [InlineData("#hash", "\\#hash")]
    [InlineData("in#side", "in#side")]
    [InlineData("nul\0", "nul\\00")]
    [InlineData("new\nline", "new\\0aline")]
    [InlineData("Jörg", "Jörg")]
    [InlineData("admin,ou=admins", "admin\\,ou\\=admins")]
    [InlineData("*)(uid=*", "*)(uid\\=*")]
    public void Escapes_what_would_change_the_dn(string value, string expected)
    {
        Assert.Equal(expected, LdapDn.EscapeValue(value));
    }

    [Theory]
    [InlineData("admin,ou=admins")]
    [InlineData("a+cn=b")]
    [InlineData(" #x ")]
    [InlineData("x\\")]
    [InlineData("\"quoted\"")]
    public void Keeps_a_value_inside_one_rdn(string value)
    {
        var dn = $"uid={LdapDn.EscapeValue(value)},ou=people,dc=example,dc=com";

        var rdns = LdapDn.Parse(dn);

        Assert.NotNull(rdns);
        Assert.Equal(["uid", "ou", "dc", "dc"], rdns.Select(r => r.Attribute));
    }

    [Theory]
    [InlineData("dc=example,dc=com", true)]
    [InlineData("ou=people, dc=example, dc=com", true)]
    [InlineData("cn=Smith\\, John,ou=people,dc=example,dc=com", true)]
    [InlineData("cn=a+sn=b,dc=x", true)]
    [InlineData("cn=\\4a\\c3\\b6rg,dc=x", true)]
    [InlineData("", false)]
    [InlineData("example.com", false)]
    [InlineData("dc=example,", false)]
    [InlineData("=x,dc=y", false)]
    [InlineData("cn=,dc=x", false)]
    [InlineData("cn=a\\", false)]
    [InlineData("cn=a\\4,dc=x", false)]
    [InlineData("cn=a\"b,dc=x", false)]
    public void Recognizes_valid_dns(string dn, bool valid)
    {
        Assert.Equal(valid, LdapDn.IsValid(dn));
    }
}
