using Microsoft.Extensions.Primitives;
using Platform.Auth.Clients;
using Xunit;

namespace Platform.Auth.Tests.Clients;

public sealed class Reading_client_credentials
{
    private static readonly Dictionary<string, StringValues> Grant = new() { ["grant_type"] = "client_credentials" };

    [Fact]
    public void Decodes_a_basic_header_whose_id_and_secret_are_form_urlencoded()
    {
        var header = "Basic " + Convert.ToBase64String("mf_1:a%3Ab+c%25"u8.ToArray());

        var read = ClientCredentials.Read(Grant, header);

        Assert.Equal(("mf_1", "a:b c%", null, true), (read.ClientId, read.Secret, read.Error, read.Basic));
    }

    [Theory]
    [InlineData("Basic not-base64!")]
    [InlineData("Basic bWZfMQ==")]
    [InlineData(null)]
    public void Calls_missing_or_unreadable_credentials_an_invalid_client(string? header)
    {
        Assert.Equal(TokenErrors.InvalidClient, ClientCredentials.Read(Grant, header).Error);
    }

    [Fact]
    public void Refuses_a_grant_type_given_twice()
    {
        var form = new Dictionary<string, StringValues> { ["grant_type"] = new(["client_credentials", "client_credentials"]), ["client_id"] = "a", ["client_secret"] = "b" };

        Assert.Equal(TokenErrors.InvalidRequest, ClientCredentials.Read(form, null).Error);
    }

    [Fact]
    public void Never_shows_the_secret_in_its_text()
    {
        var read = ClientCredentials.Read(new Dictionary<string, StringValues>(Grant) { ["client_id"] = "mf_1", ["client_secret"] = "s3cret-value" }, null);

        Assert.DoesNotContain("s3cret-value", read.ToString(), StringComparison.Ordinal);
    }
}
