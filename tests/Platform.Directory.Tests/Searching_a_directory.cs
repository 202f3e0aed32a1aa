using System.DirectoryServices.Protocols;
using System.Net;
using Platform.Directory.Search;
using Platform.Directory.Tests.Fixtures;
using Xunit;

namespace Platform.Directory.Tests;

/// <summary>1,200 users: more than slapd's size limit for non-root accounts (500) and more than one page (1000).</summary>
public sealed class Searching_a_directory(Searching_a_directory.LargeSubtree large) : IClassFixture<Searching_a_directory.LargeSubtree>
{
    private const int UserCount = 1200;

    [Theory]
    [InlineData(1000)]
    [InlineData(300)]
    public async Task Returns_every_user_across_pages_beyond_the_size_limit(int pageSize)
    {
        using var factory = LocalLdap.Factory();
        var client = factory.Create(large.Subtree.Settings() with { PageSize = pageSize });

        var users = new List<DirectoryUser>();
        await foreach (var entry in client.GetUsersAsync())
        {
            users.Add(Assert.IsType<DirectoryUser>(entry));
        }

        Assert.Equal(UserCount, users.Count);
        Assert.Equal(UserCount, users.Select(u => u.Id).Distinct().Count());
        Assert.Equal(
            Enumerable.Range(0, UserCount).Select(i => $"user{i:D4}@example.com").Order(),
            users.Select(u => u.PrimaryAddress).Order());
    }

    [Fact]
    public void Would_hit_the_size_limit_without_paging_as_the_service_account()
    {
        // Proves the test above is meaningful: the same account, searching without paging, gets at most 500.
        using var connection = new LdapConnection(
            new LdapDirectoryIdentifier(LocalLdap.Host, LocalLdap.Port),
            new NetworkCredential(large.Subtree.ServiceDn, TestSubtree.ServicePassword),
            AuthType.Basic);
        connection.SessionOptions.ProtocolVersion = 3;

        var error = Assert.Throws<DirectoryOperationException>(() =>
            connection.SendRequest(new SearchRequest(large.Subtree.Dn, "(objectClass=inetOrgPerson)", SearchScope.Subtree, "mail")));

        var partial = Assert.IsType<SearchResponse>(error.Response);
        Assert.Equal(ResultCode.SizeLimitExceeded, partial.ResultCode);
        Assert.Equal(500, partial.Entries.Count);
    }

    public sealed class LargeSubtree : IAsyncLifetime
    {
        public TestSubtree Subtree { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Subtree = await TestSubtree.CreateAsync();
            await Subtree.AddManyAsync(Enumerable.Range(0, UserCount).Select(i =>
            {
                var uid = $"user{i:D4}";
                return ($"uid={uid},{Subtree.Dn}", new (string, object[])[]
                {
                    ("objectClass", ["inetOrgPerson"]),
                    ("uid", [uid]),
                    ("cn", [uid]),
                    ("sn", [uid]),
                    ("mail", [$"{uid}@example.com"]),
                });
            }));
        }

        public async Task DisposeAsync() => await Subtree.DisposeAsync();
    }
}
