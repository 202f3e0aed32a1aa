using Platform.Auth.Links;
using Xunit;

namespace Platform.Auth.Tests.Links;

public sealed class Deriving_link_request_ids
{
    private static readonly Guid Batch = Guid.Parse("5f0c1a52-8d44-4a7e-9b1f-2c3d4e5f6a7b");

    [Fact]
    public void Gives_each_link_of_a_request_the_same_id_on_every_delivery()
    {
        Assert.Equal(LoginLinkIssuer.ItemRequestId(Batch, 3), LoginLinkIssuer.ItemRequestId(Batch, 3));
    }

    [Fact]
    public void Gives_every_link_of_every_request_an_id_of_its_own()
    {
        var other = Guid.Parse("0d9b7c2a-1e3f-4a5b-8c6d-7e8f9a0b1c2d");
        var ids = Enumerable.Range(0, 500).SelectMany(i => new[] { LoginLinkIssuer.ItemRequestId(Batch, i), LoginLinkIssuer.ItemRequestId(other, i) }).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.DoesNotContain(Batch, ids);
    }
}
