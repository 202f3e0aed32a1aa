using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests.Registry;

/// <summary>
/// A domain's managed list holds at most <c>DirectorySync:MaxUsersPerDomain</c> users (here 3): an import or an
/// addition past it is refused with 409 <c>user_limit_reached</c>, and an import is refused whole.
/// </summary>
public sealed class Limiting_the_users_of_a_domain : IAsyncLifetime
{
    private const string Domain = "full.example";
    private readonly ServiceHost<Program> _host = new();
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _host.With("DirectorySync:MaxUsersPerDomain", "3");
        _admin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@full.example", Domain));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Refuses_an_import_that_would_pass_the_limit_whole_and_takes_known_users_again()
    {
        var first = await ImportAsync("a1", "a2");
        var passing = await ImportAsync("a1", "a3", "a4");
        var again = await ImportAsync("a1", "a2", "a3");
        var known = await ImportAsync("a1", "a2", "a3");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var problem = await ProblemAsync(passing, HttpStatusCode.Conflict);
        Assert.Equal("user_limit_reached", problem["code"]!.GetValue<string>());
        Assert.Contains("would add 2", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(["a1@full.example", "a2@full.example", "a3@full.example"], await UsersAsync());
    }

    [Fact]
    public async Task Refuses_adding_one_user_to_a_full_list_until_one_is_deleted()
    {
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync("a1", "a2", "a3")).StatusCode);

        var refused = await AddAsync("a4");
        var existing = await AddAsync("a1");
        var deleted = await _admin.DeleteAsync($"/v1/domains/{Domain}/users/a2@full.example");
        var added = await AddAsync("a4");

        Assert.Equal("user_limit_reached", (await ProblemAsync(refused, HttpStatusCode.Conflict))["code"]!.GetValue<string>());
        Assert.Equal("user_exists", (await ProblemAsync(existing, HttpStatusCode.Conflict))["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(["a1@full.example", "a3@full.example", "a4@full.example"], await UsersAsync());
    }

    [Fact]
    public async Task Lets_concurrent_additions_past_the_limit_together_never()
    {
        // One addition first, so the concurrent ones meet in the same code already compiled.
        Assert.Equal(HttpStatusCode.Created, (await AddAsync("c0")).StatusCode);

        var results = await Task.WhenAll(Enumerable.Range(1, 12).Select(i => AddAsync($"c{i}")));

        Assert.Equal(2, results.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(10, results.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(3, (await UsersAsync()).Count);
    }

    private Task<HttpResponseMessage> ImportAsync(params string[] names) =>
        _admin.PostAsJsonAsync($"/v1/domains/{Domain}/users/import", new { users = names.Select(n => new { email = $"{n}@full.example" }) });

    private Task<HttpResponseMessage> AddAsync(string name) => _admin.PostAsJsonAsync($"/v1/domains/{Domain}/users", new { email = $"{name}@full.example" });

    private static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    private async Task<List<string>> UsersAsync()
    {
        await using var data = NpgsqlDataSource.Create(_host.ConnectionString);
        await using var command = data.CreateCommand("SELECT email FROM directory_sync.registry_users WHERE domain = $1 AND deleted_at IS NULL ORDER BY email");
        command.Parameters.Add(new NpgsqlParameter { Value = Domain });
        await using var reader = await command.ExecuteReaderAsync();
        var emails = new List<string>();
        while (await reader.ReadAsync())
        {
            emails.Add(reader.GetString(0));
        }

        return emails;
    }
}
