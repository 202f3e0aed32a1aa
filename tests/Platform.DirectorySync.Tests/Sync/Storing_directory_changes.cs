using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.DirectorySync.Sync;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests.Sync;

/// <summary>
/// A chunk's changes are one event whose list holds each kind of change with its kind stored beside it; PostgreSQL's
/// jsonb orders the keys its own way, so what is read back must not depend on the kind coming first.
/// </summary>
public sealed class Storing_directory_changes : IAsyncLifetime
{
    private readonly ServiceHost<Program> _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Reads_back_every_kind_of_change_as_it_was_written()
    {
        var runId = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 12, 7, 18, 0, 0, TimeSpan.Zero);
        DirectoryUserChange[] changes =
        [
            new DirectoryUserAdded("id-1", "uid=ann,ou=people", "ann@example.com", ["a@example.com", "b@example.com"], "Ann", Disabled: false),
            new DirectoryUserChanged("id-2", "uid=bob,ou=people", "bob@example.com", "robert@example.com", [], DisplayName: null),
            new DirectoryUserDisabled("id-3", "cid@example.com"),
            new DirectoryUserEnabled("id-4", "dan@example.com"),
            new DirectoryUserRemoved("id-5", "eve@example.com", "admin@example.com"),
        ];
        var streamId = DirectoryUsersChanged.StreamId("example.com", Guid.NewGuid());
        var store = _host.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream(streamId, new DirectoryUsersChanged("example.com", runId, changes, at));
            await session.SaveChangesAsync();
        }

        await using var query = store.QuerySession();
        var stored = Assert.Single(await query.Events.FetchStreamAsync(streamId));
        Assert.Equal("directory-users-changed", stored.EventTypeName);
        var read = Assert.IsType<DirectoryUsersChanged>(stored.Data);
        Assert.Equal(("example.com", runId, at), (read.Domain, read.RunId, read.At));
        Assert.Equal(changes.Select(Text), read.Changes.Select(Text));
    }

    /// <summary>A change as text, its lists spelled out (records compare lists by reference).</summary>
    private static string Text(DirectoryUserChange change) => change switch
    {
        DirectoryUserAdded a => $"{a with { Aliases = [] }} [{string.Join(' ', a.Aliases)}]",
        DirectoryUserChanged c => $"{c with { Aliases = [] }} [{string.Join(' ', c.Aliases)}]",
        _ => change.ToString(),
    };
}
