using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Npgsql;
using Platform.DirectorySync;
using Platform.Security;
using Platform.Security.Tokens;
using Platform.ServiceDefaults;

namespace Platform.Bench.Recipients;

/// <summary>
/// <c>./platform bench recipients</c>: the directory-sync service runs in this process on a loopback port, in a
/// database schema of its own, with 100,000 email users imported through its API. It then measures, in one run and
/// with the same number of concurrent clients, recipient lookups through <c>GET /v1/recipients/{email}</c> (HTTP,
/// token-authenticated, valid and invalid addresses mixed) beside a raw single-row indexed <c>SELECT</c> on the
/// registry table it answers from. Last line: <c>recipients: ours &lt;n&gt;/s raw &lt;n&gt;/s ratio &lt;ours/raw&gt;</c>.
/// </summary>
internal static class RecipientsBenchmark
{
    private const string Domain = "bench.example";
    private const int Users = 100_000;
    private const int Clients = 8;
    private const int Lookups = 60_000;

    // Each SMTP client makes 15 lookups a round (7 or 8 invalid): two rounds stay under the per-client limit of 30.
    private const int SmtpClients = Lookups / 15;

    public static async Task<int> RunAsync(BenchSettings settings)
    {
        try
        {
            return await MeasureAsync(settings);
        }
        catch (BenchmarkInvalidException e)
        {
            await Console.Error.WriteLineAsync("recipients benchmark invalid: " + e.Message);
            return 1;
        }
    }

    private static async Task<int> MeasureAsync(BenchSettings settings)
    {
        Console.WriteLine($"recipients benchmark: {Environment.ProcessorCount} cores, {Clients} concurrent clients, {Users} users, {Lookups} lookups per side and round");
        var schema = "bench_recipients_" + Guid.NewGuid().ToString("N")[..8];
        // A virtual host of its own: on the shared one the bench's service would take other services' messages.
        await using var vhost = new RabbitMqBenchHost(settings, schema.Replace('_', '-'));
        await vhost.CreateAsync();
        await using var service = await BenchService.StartAsync(schema,
            builder => builder.AddServiceDefaults(DirectorySyncService.Name, DirectorySyncService.AddConsumers).AddDirectorySync(),
            app => app.MapDirectorySync(),
            new Dictionary<string, string?>
            {
                ["DirectorySync:SchedulerInterval"] = "01:00:00",
                ["RabbitMq:VirtualHost"] = vhost.Name,
                // The lookups come from the filter's SMTP edge (a trusted proxy) on behalf of many SMTP clients, none of
                // them over the per-client limits; the domain as a whole sees far more invalid addresses in a second
                // than its default limit allows in a minute, so that limit is lifted: the guard's counting stays on
                // the measured path, its refusals do not.
                ["ForwardedHeaders:KnownNetworks:0"] = "127.0.0.1/32",
                ["Recipients:Guard:InvalidPerDomain"] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        try
        {
            using var admin = service.Client(PlatformTokenRequest.DomainAdmin("bench-admin", Domain));
            await ImportUsersAsync(admin);
            using var filter = service.Client(new PlatformTokenRequest("bench-smtp-edge", [PlatformRoles.MailFilter]));
            await WaitForIndexAsync(filter);

            // Half the lookups are users that exist, half addresses that do not (a dictionary attack's share).
            var addresses = Enumerable.Range(0, Lookups).Select(i => i % 2 == 0 ? User(i * 7 % Users) : $"nobody{i}@{Domain}").ToArray();
            await using var data = NpgsqlDataSource.Create(settings.PostgresConnectionString);
            var (ours, raw) = (0d, 0d);
            for (var round = 0; round < 2; round++)
            {
                raw = Math.Max(raw, await Measure.RateAsync(Lookups, Clients, i => RawLookupAsync(data, schema, addresses[i])));
                ours = Math.Max(ours, await Measure.RateAsync(Lookups, Clients, i => HttpLookupAsync(filter, i, addresses[i], i % 2 == 0)));
            }

            Console.WriteLine($"raw: SELECT 1 FROM registry_users WHERE domain = $1 AND email = $2 (primary key), Npgsql pool: {Measure.Format(raw)}/s, best of 2");
            Console.WriteLine($"ours: GET /v1/recipients/{{email}} over HTTP/1.1 keep-alive with a bearer token, X-Forwarded-For from {SmtpClients} SMTP clients through the dictionary-attack guard: {Measure.Format(ours)}/s, best of 2");
            Console.WriteLine($"recipients: ours {Measure.Format(ours)}/s raw {Measure.Format(raw)}/s ratio {Measure.Ratio(ours / raw)}");
            return 0;
        }
        finally
        {
            await using var data = NpgsqlDataSource.Create(settings.PostgresConnectionString);
            await using var drop = data.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static string User(int i) => $"user{i:D6}@{Domain}";

    private static async Task ImportUsersAsync(HttpClient admin)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var batch in Enumerable.Range(0, Users).Chunk(10_000))
        {
            var response = await admin.PostAsJsonAsync($"/v1/domains/{Domain}/users/import", new { users = batch.Select(i => new { email = User(i) }) });
            if (!response.IsSuccessStatusCode)
            {
                throw new BenchmarkInvalidException($"importing users failed: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Console.WriteLine($"imported {Users} users through POST .../users/import in {watch.Elapsed.TotalSeconds:F2}s");
    }

    private static async Task WaitForIndexAsync(HttpClient filter)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var response = await filter.GetAsync($"/v1/recipients/{User(Users - 1)}");
            if (response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadFromJsonAsync<Verdict>())!.Valid)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new BenchmarkInvalidException("the recipient index never showed the imported users.");
    }

    private static async Task RawLookupAsync(NpgsqlDataSource data, string schema, string email)
    {
        await using var command = data.CreateCommand($"SELECT 1 FROM {schema}.registry_users WHERE domain = $1 AND email = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = Domain });
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        await command.ExecuteScalarAsync();
    }

    /// <summary>The address of the SMTP client a lookup is made for (198.18.0.0/15, the RFC 2544 benchmarking range).</summary>
    private static string SmtpClient(int index)
    {
        var client = index % SmtpClients;
        return $"198.18.{client / 250}.{client % 250 + 1}";
    }

    private static async Task HttpLookupAsync(HttpClient filter, int index, string email, bool expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/recipients/" + email);
        request.Headers.Add("X-Forwarded-For", SmtpClient(index));
        using var response = await filter.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        var verdict = await response.Content.ReadFromJsonAsync<Verdict>();
        if (verdict?.Valid != expected)
        {
            throw new BenchmarkInvalidException($"{email}: expected valid={expected}, got {response.StatusCode}.");
        }
    }

    private sealed record Verdict(bool Valid);
}
