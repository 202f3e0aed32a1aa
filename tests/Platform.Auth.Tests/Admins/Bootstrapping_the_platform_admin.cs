using Platform.Testing;
using Xunit;

namespace Platform.Auth.Tests.Admins;

public sealed class Bootstrapping_the_platform_admin
{
    [Fact]
    public async Task Refuses_to_start_with_a_password_weaker_than_any_admins_naming_the_setting_not_the_password()
    {
        await using var host = await ServiceHost<Program>.CreateAsync();
        host.With("Auth:Admin:Email", "root@platform.example").With("Auth:Admin:Password", "short pw 1");

        var refused = await Record.ExceptionAsync(async () => await host.WaitUntilReadyAsync());

        var messages = string.Join(" | ", Flatten(refused).Select(e => e.Message));
        Assert.Contains("Auth:Admin:Password is too weak", messages, StringComparison.Ordinal);
        Assert.Contains("at least 12 characters", messages, StringComparison.Ordinal);
        Assert.DoesNotContain("short pw 1", messages, StringComparison.Ordinal);
    }

    private static IEnumerable<Exception> Flatten(Exception? e) =>
        e is null ? [] : e is AggregateException a ? [a, .. a.InnerExceptions.SelectMany(Flatten)] : [e, .. Flatten(e.InnerException)];
}
