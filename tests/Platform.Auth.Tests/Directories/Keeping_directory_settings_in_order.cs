using System.Net;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Auth.Directories;
using Platform.Auth.Tests.Login;
using Platform.Contracts;
using Platform.Testing;
using Xunit;

namespace Platform.Auth.Tests.Directories;

public sealed class Keeping_directory_settings_in_order : IAsyncLifetime
{
    private DirectoryLoginHost _auth = null!;
    private DirectorySettingsChanged _first = null!;

    public async Task InitializeAsync()
    {
        _auth = await DirectoryLoginHost.StartAsync("order.example");
        await _auth.AddUserAsync("olga");
        await _auth.PublishDirectoryAsync(s => _first = s);
    }

    public async Task DisposeAsync() => await _auth.DisposeAsync();

    [Theory]
    [InlineData(null, 1L, SettingsVersionVerdict.Apply)]
    [InlineData(null, 7L, SettingsVersionVerdict.Apply)]
    [InlineData(3L, 4L, SettingsVersionVerdict.Apply)]
    [InlineData(3L, 3L, SettingsVersionVerdict.Ignore)]
    [InlineData(3L, 1L, SettingsVersionVerdict.Ignore)]
    [InlineData(3L, 5L, SettingsVersionVerdict.Refuse)]
    [InlineData(3L, long.MaxValue, SettingsVersionVerdict.Refuse)]
    public void Decides_by_the_version_it_keeps(long? kept, long incoming, SettingsVersionVerdict verdict) =>
        Assert.Equal(verdict, SettingsVersions.Decide(kept, incoming));

    [Fact]
    public async Task Refuses_a_version_that_jumps_past_the_next_one_and_keeps_logging_in_against_its_settings()
    {
        // A forged message: a high version pointing the domain's logins at someone else's server.
        var forged = _first with { EventId = Guid.NewGuid(), Version = 1000, Host = "192.0.2.66" };
        var bus = _auth.Host.Services.GetRequiredService<IBus>();
        await bus.Publish(forged);
        await bus.Publish(forged);

        var failed = await Eventually.Get(
            () => RawRabbitMq.PeekAsync(_auth.Host.VirtualHost, "auth-directory-settings-changed_error"), m => m.Count >= 2, TimeSpan.FromSeconds(90));
        var login = await _auth.LoginAsync("olga@order.example", DirectoryLoginHost.Password);

        Assert.Equal(1, await KeptVersionAsync());
        Assert.All(failed, m => Assert.Contains(
            "carries version 1000, but auth keeps version 1", m["properties"]!["headers"]!["MT-Fault-Message"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task Keeps_the_next_version_once_and_ignores_it_and_older_ones_delivered_again()
    {
        var next = _first with { EventId = Guid.NewGuid(), Version = 2, OperationTimeoutSeconds = 9 };
        var bus = _auth.Host.Services.GetRequiredService<IBus>();
        var messageId = Guid.NewGuid();
        await bus.Publish(next, c => c.MessageId = messageId);
        await bus.Publish(next, c => c.MessageId = messageId);
        await Eventually.Get(KeptVersionAsync, v => v == 2, TimeSpan.FromSeconds(20));
        await bus.Publish(_first with { EventId = Guid.NewGuid() });
        await bus.Publish(next with { EventId = Guid.NewGuid() });
        await Task.Delay(1000);

        Assert.Equal(2, await KeptVersionAsync());
        Assert.Equal(2, await LearnedAsync());
        Assert.Empty(await RawRabbitMq.PeekAsync(_auth.Host.VirtualHost, "auth-directory-settings-changed_error"));
    }

    private async Task<long> KeptVersionAsync() => await ScalarAsync("SELECT version FROM auth.domain_directories WHERE domain = 'order.example'");

    private async Task<long> LearnedAsync() => await ScalarAsync("SELECT count(*) FROM auth.mt_events WHERE stream_id = 'directory/order.example'");

    private async Task<long> ScalarAsync(string sql)
    {
        await using var data = NpgsqlDataSource.Create(_auth.Host.ConnectionString);
        await using var command = data.CreateCommand(sql);
        return await command.ExecuteScalarAsync() is long value ? value : 0;
    }
}
