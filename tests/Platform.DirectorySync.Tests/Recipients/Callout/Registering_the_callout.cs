using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Directory.Egress;
using Platform.DirectorySync.Recipients.Callout;
using Xunit;

namespace Platform.DirectorySync.Tests.Recipients.Callout;

public sealed class Registering_the_callout
{
    [Fact]
    public void Reads_its_settings_from_Recipients_Callout_and_keeps_a_registered_clock()
    {
        var clock = Callouts.Clock();
        using var provider = Provider(new()
        {
            ["Recipients:Callout:PositiveTtl"] = "02:00:00",
            ["Recipients:Callout:MaxConcurrentPerServer"] = "3",
            ["Recipients:Callout:HeloName"] = "filter.platform.example",
        }, services => services.AddSingleton<TimeProvider>(clock));

        var options = provider.GetRequiredService<IOptions<CalloutOptions>>().Value;

        Assert.Equal((TimeSpan.FromHours(2), 3, "filter.platform.example"), (options.PositiveTtl, options.MaxConcurrentPerServer, options.HeloName));
        Assert.Same(provider.GetRequiredService<RecipientCallout>(), provider.GetRequiredService<RecipientCallout>());
        Assert.Same(clock, provider.GetRequiredService<TimeProvider>());
    }

    [Theory]
    [InlineData("MaxConcurrentPerServer", "0")]
    [InlineData("CommandTimeout", "00:00:00")]
    [InlineData("HeloName", "bad name\r\nRCPT TO:<x@y.example>")]
    [InlineData("Sender", "not an address")]
    public void Refuses_settings_that_would_break_the_dialog(string key, string value)
    {
        using var provider = Provider(new() { [$"Recipients:Callout:{key}"] = value });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CalloutOptions>>().Value);
    }

    [Fact]
    public void Refuses_an_allowed_network_that_is_not_cidr()
    {
        using var provider = Provider(new() { ["Egress:AllowedNetworks"] = "10.8.0.0/16,vpn.example" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<EgressOptions>>().Value);
        Assert.Contains("Egress:AllowedNetworks", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings, Action<IServiceCollection>? before = null)
    {
        var services = new ServiceCollection().AddLogging();
        before?.Invoke(services);
        services.AddRecipientCallout(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }
}
