using Platform.Directory.Escaping;
using Xunit;

namespace Platform.Directory.Tests.Unit;

public sealed class Escaping_filter_values
{
    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("", "")]
    [InlineData("*", "\\2a")]
    [InlineData("(", "\\28")]
    [InlineData(")", "\\29")]
    [InlineData("\\", "\\5c")]
    [InlineData("\0", "\\00")]
    [InlineData("*)(uid=*", "\\2a\\29\\28uid=\\2a")]
    [InlineData("admin)(|(uid=*", "admin\\29\\28|\\28uid=\\2a")]
    [InlineData("a\\2a", "a\\5c2a")]
    [InlineData("tab\there", "tab\\09here")]
    [InlineData("del\u007f", "del\\7f")]
    [InlineData("Jörg Müller", "Jörg Müller")]
    [InlineData("日本語", "日本語")]
    [InlineData(" spaced ", " spaced ")]
    [InlineData("a=b,c&d|e!f~g<h>i", "a=b,c&d|e!f~g<h>i")]
    public void Escapes_exactly_the_characters_that_change_a_filter(string value, string expected)
    {
        Assert.Equal(expected, LdapFilter.EscapeValue(value));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("*)(uid=*")]
    [InlineData("admin)(|(uid=*")]
    [InlineData("x\0y")]
    [InlineData("\\")]
    [InlineData("((((")]
    public void Keeps_an_injected_value_inside_one_well_formed_assertion(string value)
    {
        var filter = LdapFilter.And("(objectClass=inetOrgPerson)", LdapFilter.Equality("uid", value));

        Assert.Null(LdapFilterSyntax.Check(filter));
        Assert.Equal(2, filter.Count(c => c == '(') - 1);
        Assert.DoesNotContain('*', filter);
    }

    [Fact]
    public void Refuses_an_attribute_name_that_is_not_one()
    {
        Assert.Throws<ArgumentException>(() => LdapFilter.Equality("uid)(cn", "x"));
    }

    [Fact]
    public void Combines_filters_leaving_out_empty_ones()
    {
        Assert.Equal("(&(a=1)(b=2))", LdapFilter.And("(a=1)", null, "", "(b=2)"));
        Assert.Equal("(a=1)", LdapFilter.And(null, "(a=1)"));
        Assert.Equal("(|(a=1)(b=2))", LdapFilter.Or("(a=1)", "(b=2)"));
    }
}
