using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Auth.Tests.Login;
using Platform.Contracts;
using Platform.Testing;

namespace Platform.Auth.Tests.Links;

/// <summary>What directory-sync's registry tells auth about a user, published on the test host's bus.</summary>
internal static class RegistryAnnouncements
{
    /// <summary>Publishes <see cref="UserDiscovered"/> for <c>uid@domain</c> and waits until auth knows the user.</summary>
    public static async Task DiscoverAsync(this DirectoryLoginHost auth, string uid)
    {
        await auth.Host.Services.GetRequiredService<IBus>().Publish(new UserDiscovered
        {
            EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, Domain = auth.Domain, Email = auth.Address(uid), Source = UserSources.Directory,
        });
        await Eventually.Get(() => KnownAsync(auth, uid), known => known, TimeSpan.FromSeconds(20));
    }

    public static async Task<bool> KnownAsync(DirectoryLoginHost auth, string uid)
    {
        await using var data = NpgsqlDataSource.Create(auth.Host.ConnectionString);
        await using var command = data.CreateCommand("SELECT (data ->> 'known')::boolean FROM auth.mt_doc_account WHERE id = 'account/' || $1 || '/' || $2");
        command.Parameters.Add(new NpgsqlParameter { Value = auth.Domain });
        command.Parameters.Add(new NpgsqlParameter { Value = auth.Address(uid) });
        return await command.ExecuteScalarAsync() is true;
    }
}
