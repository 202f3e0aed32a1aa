using Microsoft.Extensions.Options;
using Platform.DirectorySync.Recipients.Callout;
using Xunit;

namespace Platform.DirectorySync.Tests.Recipients.Callout;

public sealed class Keeping_callout_answers
{
    private static readonly CalloutAnswer Valid = new(CalloutOutcome.Valid, 250, "RCPT TO: 250");
    private static readonly CalloutServer Server = new("mx.example", 25);
    private readonly TimeProvider _clock = Callouts.Clock();

    [Fact]
    public void Makes_room_for_a_new_answer_by_dropping_the_oldest()
    {
        var cache = new CalloutCache(Options.Create(new CalloutOptions { MaxEntries = 3 }), _clock);
        foreach (var user in new[] { "a", "b", "c", "d" })
        {
            cache.Set(Server, $"{user}@mx.example", Valid);
        }

        Assert.Equal(3, cache.Count);
        Assert.Null(cache.Get(Server, "a@mx.example"));
        Assert.All(new[] { "b", "c", "d" }, user => Assert.Equal(Valid, cache.Get(Server, $"{user}@mx.example")));
    }

    [Fact]
    public void Knows_an_address_on_one_server_whatever_the_case_but_not_on_another()
    {
        var cache = new CalloutCache(Options.Create(new CalloutOptions()), _clock);

        cache.Set(Server, "Alice@MX.example", Valid);

        Assert.Equal(Valid, cache.Get(new CalloutServer("MX.EXAMPLE", 25), "alice@mx.example"));
        Assert.Null(cache.Get(new CalloutServer("mx.example", 2525), "alice@mx.example"));
        Assert.Null(cache.Get(new CalloutServer("mx2.example", 25), "alice@mx.example"));
    }
}
