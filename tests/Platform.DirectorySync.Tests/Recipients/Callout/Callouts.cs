using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Directory.Egress;
using Platform.DirectorySync.Recipients.Callout;
using Platform.DirectorySync.Tests.Recipients.Guard;
using Infrastructure = Platform.Testing.Infrastructure;

namespace Platform.DirectorySync.Tests.Recipients.Callout;

/// <summary>Callout parts as the service builds them, with timeouts short enough for tests.</summary>
internal static class Callouts
{
    public static CalloutOptions Options(Action<CalloutOptions>? change = null)
    {
        var options = new CalloutOptions
        {
            ConnectTimeout = TimeSpan.FromSeconds(5), CommandTimeout = TimeSpan.FromSeconds(5), HeloName = "callout-tests.platform.example",
        };
        change?.Invoke(options);
        return options;
    }

    /// <summary>A clock the test moves by hand.</summary>
    public static ManualClock Clock() => new(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));

    /// <summary>
    /// The egress policy of the tests: loopback allowed (the scripted servers), the platform's own ports refused but
    /// the local SMTP sink's, which plays the domain's mail server here.
    /// </summary>
    public static EgressPolicy Egress { get; } = new(
        EgressPolicy.ParseNetworks(Infrastructure.AllowedNetworks),
        [.. PlatformEndpoints.From(Infrastructure.Configuration).Where(e => e.Name != "SMTP relay")]);

    public static SmtpCalloutClient Client(CalloutOptions? options = null, EgressPolicy? egress = null) =>
        new(Microsoft.Extensions.Options.Options.Create(options ?? Options()), egress ?? Egress, TimeProvider.System, NullLogger<SmtpCalloutClient>.Instance);

    public static RecipientCallout Facade(CalloutOptions options, TimeProvider clock)
    {
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        return new RecipientCallout(new SmtpCalloutClient(wrapped, Egress, TimeProvider.System, NullLogger<SmtpCalloutClient>.Instance), new CalloutCache(wrapped, clock), wrapped, NullLogger<RecipientCallout>.Instance);
    }
}
