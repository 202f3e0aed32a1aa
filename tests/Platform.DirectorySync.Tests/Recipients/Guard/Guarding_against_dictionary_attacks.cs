using System.Net;
using Microsoft.Extensions.Options;
using Platform.DirectorySync.Recipients.Guard;
using Xunit;
using Platform.ServiceDefaults.Http;

namespace Platform.DirectorySync.Tests.Recipients.Guard;

public sealed class Guarding_against_dictionary_attacks
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly GuardOptions Options = new() { InvalidPerClient = 30, InvalidPerDomain = 300, BlockAt = 90 };
    private readonly ManualClock _clock = new(Start);

    [Fact]
    public void Throttles_a_client_at_its_limit_of_invalid_lookups_and_never_for_valid_ones()
    {
        var guard = Guard();
        for (var i = 0; i < 1000; i++)
        {
            guard.Record("192.0.2.1", "example.com", valid: true);
        }

        var afterValid = guard.Check("192.0.2.1", "example.com").Verdict;
        for (var i = 0; i < 29; i++)
        {
            guard.Record("192.0.2.2", "example.com", valid: false);
        }

        var below = guard.Check("192.0.2.2", "example.com").Verdict;
        guard.Record("192.0.2.2", "example.com", valid: false);
        var at = guard.Check("192.0.2.2", "example.com").Verdict;

        Assert.IsType<GuardVerdict.Allowed>(afterValid);
        Assert.IsType<GuardVerdict.Allowed>(below);
        var throttled = Assert.IsType<GuardVerdict.Throttled>(at);
        Assert.False(throttled.ByDomain);
        Assert.InRange(throttled.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2));
    }

    [Fact]
    public void Lets_a_throttled_client_back_as_the_window_slides_on()
    {
        var guard = Guard();
        Invalid(guard, "192.0.2.3", 30);
        var retryAfter = Assert.IsType<GuardVerdict.Throttled>(guard.Check("192.0.2.3", "example.com").Verdict).RetryAfter;

        _clock.Now += retryAfter;

        Assert.IsType<GuardVerdict.Allowed>(guard.Check("192.0.2.3", "example.com").Verdict);
    }

    [Fact]
    public void Blocks_a_client_that_keeps_going_until_the_block_ends()
    {
        var guard = Guard();
        Invalid(guard, "192.0.2.4", 90);
        var blocked = Assert.IsType<GuardVerdict.Blocked>(guard.Check("192.0.2.4", "example.com").Verdict);

        _clock.Now = blocked.Until - TimeSpan.FromSeconds(1);
        var stillBlocked = guard.Check("192.0.2.4", "example.com").Verdict;
        _clock.Now = blocked.Until + TimeSpan.FromSeconds(1);
        var free = guard.Check("192.0.2.4", "example.com").Verdict;

        Assert.Equal(Start + Options.BlockFor, blocked.Until);
        Assert.IsType<GuardVerdict.Blocked>(stillBlocked);
        Assert.IsType<GuardVerdict.Allowed>(free);
    }

    [Fact]
    public void Keeps_answering_another_clients_valid_lookups_during_an_attack_of_thousands_of_random_addresses()
    {
        var guard = Guard();
        var good = new List<GuardVerdict>();
        for (var i = 0; i < 5000; i++)
        {
            var (verdict, _) = guard.Check("198.51.100.7", "example.com");
            guard.Record("198.51.100.7", "example.com", valid: false);
            if (i % 100 == 0)
            {
                good.Add(guard.Check("192.0.2.10", "example.com").Verdict);
                guard.Record("192.0.2.10", "example.com", valid: true);
            }

            _clock.Now += TimeSpan.FromMilliseconds(5);
        }

        Assert.IsType<GuardVerdict.Blocked>(guard.Check("198.51.100.7", "example.com").Verdict);
        Assert.All(good, v => Assert.IsType<GuardVerdict.Allowed>(v));
    }

    [Fact]
    public void Throttles_the_clients_probing_a_domain_attacked_from_many_but_not_a_client_with_valid_lookups()
    {
        var guard = Guard();
        for (var client = 0; client < 60; client++)
        {
            Invalid(guard, $"203.0.113.{client}", 5);
        }

        var prober = guard.Check("203.0.113.1", "example.com");
        guard.Record("192.0.2.20", "example.com", valid: true);
        var clean = guard.Check("192.0.2.20", "example.com").Verdict;
        var otherDomain = guard.Check("203.0.113.1", "other.example").Verdict;

        Assert.True(Assert.IsType<GuardVerdict.Throttled>(prober.Verdict).ByDomain);
        Assert.Equal((AttackScopes.Domain, (string?)null), (prober.Started!.Scope, prober.Started.ClientAddress));
        Assert.IsType<GuardVerdict.Allowed>(clean);
        Assert.IsType<GuardVerdict.Allowed>(otherDomain);
    }

    [Fact]
    public void Reports_an_episode_once_and_again_only_after_a_quiet_spell()
    {
        var guard = Guard();
        Invalid(guard, "198.51.100.8", 30);
        var episodes = new List<AttackEpisode?>();
        for (var i = 0; i < 20; i++)
        {
            episodes.Add(guard.Check("198.51.100.8", "example.com").Started);
            _clock.Now += TimeSpan.FromSeconds(1);
        }

        _clock.Now += Options.EpisodeQuiet + Options.Window * 3;
        Invalid(guard, "198.51.100.8", 30);
        var next = guard.Check("198.51.100.8", "example.com").Started;

        var first = Assert.Single(episodes.OfType<AttackEpisode>());
        Assert.Equal((AttackScopes.Client, "198.51.100.8", "example.com"), (first.Scope, first.ClientAddress, first.Domain));
        Assert.InRange(first.InvalidLookups, 29, 31);
        Assert.NotNull(next);
    }

    [Fact]
    public void Forgets_quiet_clients_beyond_its_bound()
    {
        var guard = new LookupGuard(Microsoft.Extensions.Options.Options.Create(new GuardOptions { MaxTrackedClients = 100 }), _clock);
        for (var i = 0; i < 2048; i++)
        {
            guard.Record($"10.0.{i / 256}.{i % 256}", "example.com", valid: false);
            if (i == 1000)
            {
                _clock.Now += TimeSpan.FromMinutes(5);
            }
        }

        Assert.True(guard.TrackedClients < 2048, $"{guard.TrackedClients} clients tracked");
    }

    [Fact]
    public void Counts_consistently_under_concurrent_lookups()
    {
        var guard = Guard();
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 11; i++)
            {
                guard.Record("192.0.2.30", "example.com", valid: false);
            }
        });
        var at88 = guard.Check("192.0.2.30", "example.com").Verdict;
        Invalid(guard, "192.0.2.30", 2);

        // 88 counted: throttled; two more make exactly 90 — blocked only if no count was lost.
        Assert.IsType<GuardVerdict.Throttled>(at88);
        Assert.IsType<GuardVerdict.Blocked>(guard.Check("192.0.2.30", "example.com").Verdict);
    }

    [Fact]
    public void Counts_an_IPv6_client_rotating_through_its_network_as_one()
    {
        var guard = Guard();
        var verdicts = new List<GuardVerdict>();
        for (var i = 0; i < 2000; i++)
        {
            var client = ClientAddresses.Key(IPAddress.Parse($"2001:db8:5:6::{i:x}"));
            verdicts.Add(guard.Check(client, "example.com").Verdict);
            guard.Record(client, "example.com", valid: false);
        }

        Assert.IsType<GuardVerdict.Blocked>(verdicts[^1]);
    }

    [Fact]
    public void Keeps_no_count_for_domains_the_platform_does_not_serve()
    {
        var guard = Guard();
        for (var i = 0; i < 4096; i++)
        {
            guard.Check("192.0.2.40", $"made-up-{i}.example");
            guard.Record("192.0.2.40", $"made-up-{i}.example", valid: false, served: false);
        }

        Assert.Equal(0, guard.TrackedDomains);
        Assert.IsType<GuardVerdict.Blocked>(guard.Check("192.0.2.40", "example.com").Verdict);
    }

    [Fact]
    public void Lets_the_estimate_decay_across_windows()
    {
        var window = TimeSpan.FromMinutes(1);
        var count = new SlidingCount(Start, 0, 0);
        for (var i = 0; i < 60; i++)
        {
            count = count.Add(Start, window);
        }

        Assert.Equal(60, count.Estimate(Start, window), 3);
        Assert.Equal(30, count.Estimate(Start + TimeSpan.FromSeconds(90), window), 3);
        Assert.Equal(0, count.Estimate(Start + TimeSpan.FromMinutes(2), window), 3);
    }

    private LookupGuard Guard() => new(Microsoft.Extensions.Options.Options.Create(Options), _clock);

    private static void Invalid(LookupGuard guard, string client, int count)
    {
        for (var i = 0; i < count; i++)
        {
            guard.Record(client, "example.com", valid: false);
        }
    }
}
