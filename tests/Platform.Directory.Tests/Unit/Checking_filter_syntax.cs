using Platform.Directory.Escaping;
using Xunit;

namespace Platform.Directory.Tests.Unit;

public sealed class Checking_filter_syntax
{
    [Theory]
    [InlineData("(uid=alice)")]
    [InlineData("(memberOf=cn=mail-users,ou=groups,dc=example,dc=com)")]
    [InlineData("(&(objectCategory=person)(objectClass=user))")]
    [InlineData("(&(a=b)(|(c=d)(!(e=f))))")]
    [InlineData("(!(userAccountControl:1.2.840.113556.1.4.803:=2))")]
    [InlineData("(cn=a\\2a\\28\\29)")]
    [InlineData("(cn=*foo*bar*)")]
    [InlineData("(mail=*)")]
    [InlineData("(uSNChanged>=100)")]
    [InlineData("(modifyTimestamp<=20240101000000Z)")]
    [InlineData("(cn~=smith)")]
    [InlineData("(uid:dn:caseIgnoreMatch:=x)")]
    [InlineData("(:dn:2.5.13.5:=x)")]
    [InlineData("(2.5.4.3=x)")]
    [InlineData("(cn;lang-de=x)")]
    [InlineData("(cn=Jörg)")]
    [InlineData("(&)")]
    public void Accepts_well_formed_filters(string filter)
    {
        Assert.Null(LdapFilterSyntax.Check(filter));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("uid=alice", "parentheses")]
    [InlineData("(uid=alice", "unbalanced")]
    [InlineData("(uid=alice))", "too many")]
    [InlineData("((uid=alice))", "attribute name is missing")]
    [InlineData("(=alice)", "attribute name is missing")]
    [InlineData("(uid)", "no operator")]
    [InlineData("(uid~alice)", "Expected '='")]
    [InlineData("(uid=a\\zz)", "two hex digits")]
    [InlineData("(uid=a\\2)", "two hex digits")]
    [InlineData("(uid=a(b))", "Unescaped '('")]
    [InlineData("(&(uid=a)x)", "Expected '(' or ')'")]
    [InlineData("(!(a=b)(c=d))", "exactly one")]
    [InlineData("(cn>=a*)", "'*' is only allowed")]
    [InlineData("(u$d=x)", "not a valid attribute name")]
    [InlineData("(&(a=b)", "unbalanced")]
    public void Rejects_malformed_filters_saying_what_is_wrong(string filter, string expected)
    {
        var error = LdapFilterSyntax.Check(filter);

        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Rejects_absurdly_deep_nesting_without_overflowing_the_stack()
    {
        var filter = string.Concat(Enumerable.Repeat("(!", 10_000)) + "(a=b)" + new string(')', 10_000);

        Assert.Contains("nested too deeply", LdapFilterSyntax.Check(filter), StringComparison.Ordinal);
    }
}
