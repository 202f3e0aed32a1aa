using System.Security.Cryptography;
using System.Text;
using Platform.Contracts;
using Platform.Directory.Settings;
using Marten;
using Platform.Outbox.Store;
using Platform.Security;
using Platform.Security.Secrets;

namespace Platform.DirectorySync.Settings;

/// <summary>
/// Reads and saves a domain's directory settings in its stream; saving publishes <see cref="DirectorySettingsChanged"/>
/// through the outbox in the same transaction, with the bind password only encrypted.
/// </summary>
public sealed class DirectorySettingsService(IDocumentStore store, SecretProtector protector, TimeProvider clock)
{
    public async Task<(DomainDirectory Directory, long Version)> ReadAsync(string domain, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<DomainDirectory>(DomainDirectory.StreamId(domain), cancellationToken);
        return (stream.Aggregate ?? DomainDirectory.Initial, stream.CurrentVersion ?? 0);
    }

    /// <summary>
    /// Appends the settings at <paramref name="expectedVersion"/>; a concurrency conflict
    /// (<see cref="StoreErrors.IsConcurrencyConflict"/>) if someone saved meanwhile.
    /// </summary>
    public async Task<long> SaveAsync(
        string domain, SavedSettings settings, Secret? bindPassword, DomainDirectory current, long expectedVersion, string actor,
        CancellationToken cancellationToken, Action<IDocumentSession>? alsoRecord = null)
    {
        var protectedPassword = bindPassword switch
        {
            null => current.ProtectedBindPassword,
            { IsEmpty: true } => null,
            _ => protector.Protect(bindPassword, DomainDirectory.PasswordContext(domain)),
        };
        var now = clock.GetUtcNow();
        var streamId = DomainDirectory.StreamId(domain);
        await using var session = store.LightweightSession();
        session.LastModifiedBy = actor;
        session.Events.Write(streamId, expectedVersion, [new DirectorySettingsSaved(domain, settings, protectedPassword, actor, now)]);

        var changed = Changed(domain, expectedVersion + 1, settings, protectedPassword, now);
        session.Publish(changed, changed.EventId, streamId);
        alsoRecord?.Invoke(session);
        await session.SaveChangesAsync(cancellationToken);
        return expectedVersion + 1;
    }

    /// <summary>Whether saving <paramref name="given"/> changes the bind password: a different one, or none where there was one.</summary>
    public bool ChangesPassword(string domain, DomainDirectory current, Secret? given) => given switch
    {
        null => false,
        { IsEmpty: true } => current.ProtectedBindPassword is not null,
        _ => current.ProtectedBindPassword is not { } saved || !CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(protector.Unprotect(saved, DomainDirectory.PasswordContext(domain)).Reveal()),
            Encoding.UTF8.GetBytes(given.Reveal())),
    };

    /// <summary>The decrypted settings for the directory library.</summary>
    public DirectorySettings ClientSettings(string domain, DomainDirectory directory) =>
        SettingsValidation.ToClientSettings(directory.Settings!, directory.ProtectedBindPassword is { } value
            ? new DirectorySecret(protector.Unprotect(value, DomainDirectory.PasswordContext(domain)).Reveal())
            : null);

    private static DirectorySettingsChanged Changed(string domain, long version, SavedSettings s, string? protectedPassword, DateTimeOffset at) => new()
    {
        EventId = Guid.NewGuid(), OccurredAt = at, Domain = domain, Version = version, Configured = true,
        Kind = s.Kind, Host = s.Host, Port = s.Port, Security = s.Security, CaCertificatePem = s.CaCertificatePem,
        FailoverHost = s.FailoverHost, ConnectTimeoutSeconds = s.ConnectTimeoutSeconds, OperationTimeoutSeconds = s.OperationTimeoutSeconds,
        BindDn = s.BindDn, ProtectedBindPassword = protectedPassword, BaseDn = s.BaseDn, LoginAttribute = s.SearchAttribute,
        ExtraFilter = s.ExtraFilter, UserBindTemplate = s.UserBindTemplate, Attributes = s.Attributes, LoginSuffixes = s.LoginSuffixes,
    };
}
