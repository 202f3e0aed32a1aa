using Platform.Directory.Search;
using Xunit;

namespace Platform.Directory.Tests.Unit;

public sealed class Reading_proxy_addresses
{
    [Fact]
    public void Takes_the_upper_case_smtp_address_as_primary_and_the_others_as_aliases()
    {
        var (primary, aliases) = ProxyAddresses.Parse(["smtp:Alice.Smith@Example.com", "SMTP:Alice@Example.com", "smtp:sales@example.com"]);

        Assert.Equal("alice@example.com", primary);
        Assert.Equal(["alice.smith@example.com", "sales@example.com"], aliases);
    }

    [Fact]
    public void Ignores_other_address_types()
    {
        var (primary, aliases) = ProxyAddresses.Parse(
        [
            "X500:/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=alice",
            "x400:c=US;a= ;p=Example;o=Exchange;s=Smith;g=Alice;",
            "SIP:alice@example.com",
            "EUM:1234;phone-context=example.com",
            "SMTP:alice@example.com",
        ]);

        Assert.Equal("alice@example.com", primary);
        Assert.Empty(aliases);
    }

    [Fact]
    public void Has_no_primary_without_an_upper_case_smtp_address()
    {
        var (primary, aliases) = ProxyAddresses.Parse(["smtp:a@example.com", "smtp:b@example.com"]);

        Assert.Null(primary);
        Assert.Equal(["a@example.com", "b@example.com"], aliases);
    }

    [Fact]
    public void Drops_duplicates_empty_values_and_the_primary_from_the_aliases()
    {
        var (primary, aliases) = ProxyAddresses.Parse(["SMTP:a@example.com", "smtp:A@example.com", "smtp:", "smtp:  ", "", "smtp:b@example.com", "smtp:B@EXAMPLE.COM"]);

        Assert.Equal("a@example.com", primary);
        Assert.Equal(["b@example.com"], aliases);
    }

    [Fact]
    public void Keeps_the_first_primary_when_there_are_several()
    {
        var (primary, aliases) = ProxyAddresses.Parse(["SMTP:first@example.com", "SMTP:second@example.com"]);

        Assert.Equal("first@example.com", primary);
        Assert.Equal(["second@example.com"], aliases);
    }
}
