using Platform.DirectorySync.Registry;
using Platform.Security;
using Xunit;

namespace Platform.DirectorySync.Tests.Registry;

public sealed class Normalizing_addresses
{
    [Theory]
    [InlineData("  Ann.Lee@Example.COM ", "example.com", "ann.lee@example.com")]
    [InlineData("jörg@bücher.example", "xn--bcher-kva.example", "jörg@xn--bcher-kva.example")]
    [InlineData("jorg@XN--BCHER-KVA.example", "xn--bcher-kva.example", "jorg@xn--bcher-kva.example")]
    [InlineData("first+tag@example.com", "example.com", "first+tag@example.com")]
    public void Keys_every_form_of_an_address_the_same_way(string input, string domain, string expected) =>
        Assert.Equal(expected, EmailAddresses.Normalize(input, domain).Email);

    [Theory]
    [InlineData(null, "invalid_email")]
    [InlineData("", "invalid_email")]
    [InlineData("no-at-sign", "invalid_email")]
    [InlineData("@example.com", "invalid_email")]
    [InlineData("ann@", "invalid_email")]
    [InlineData("ann lee@example.com", "invalid_email")]
    [InlineData("ann@example.com>", "invalid_email")]
    [InlineData("ann\r\n@example.com", "invalid_email")]
    [InlineData("ann@other.example", "wrong_domain")]
    [InlineData("ann@sub.example.com", "wrong_domain")]
    public void Refuses_what_is_not_an_address_of_the_domain_with_a_reason(string? input, string code)
    {
        var (email, error, reason) = EmailAddresses.Normalize(input, "example.com");

        Assert.Null(email);
        Assert.Equal(code, error);
        Assert.False(string.IsNullOrWhiteSpace(reason));
    }
}
