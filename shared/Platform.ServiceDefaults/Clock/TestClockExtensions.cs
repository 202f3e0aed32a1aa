using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Clock;

/// <summary>
/// The test clock is for end-to-end tests and the demo only. It cannot be switched on in production by accident: a
/// service told to use it in any environment but Development refuses to start, and its endpoint answers loopback
/// callers only.
/// </summary>
public static class TestClockExtensions
{
    public const string EnabledKey = "Platform:TestClock:Enabled";

    /// <summary>
    /// With <see cref="EnabledKey"/> on, registers the <see cref="TestClock"/> as the service's <see cref="TimeProvider"/>
    /// (services register the system clock with TryAdd, after this). Throws outside the Development environment.
    /// </summary>
    public static WebApplicationBuilder AddPlatformTestClock(this WebApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue<bool>(EnabledKey))
        {
            return builder;
        }

        if (!builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"{EnabledKey.Replace(":", "__", StringComparison.Ordinal)} is set in the '{builder.Environment.EnvironmentName}' environment: the test clock "
                + "moves the service's time and is allowed in Development only. Remove the setting.");
        }

        var clock = new TestClock(TimeProvider.System);
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton<TimeProvider>(clock);
        return builder;
    }
}
