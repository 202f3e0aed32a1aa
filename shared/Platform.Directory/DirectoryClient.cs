using System.Runtime.CompilerServices;
using Platform.Directory.ConnectionTesting;
using Platform.Directory.Connections;
using Platform.Directory.Escaping;
using Platform.Directory.Failures;
using Platform.Directory.Mapping;
using Platform.Directory.Passwords;
using Platform.Directory.Search;
using Platform.Directory.Settings;

namespace Platform.Directory;

/// <summary>
/// One domain's directory: its users (all, or changed since a mark), lookups by login or address, password checks
/// and the connection test. Cheap to create (<see cref="DirectoryClientFactory.Create"/>); connections are pooled by
/// the factory. Every failure to reach or read the directory is a <see cref="DirectoryFailureException"/> with a stable code.
/// </summary>
public sealed class DirectoryClient
{
    private readonly ConnectionPool _pool;
    private readonly ConnectionPool _bindPool;
    private readonly SessionOpener _opener;
    private readonly DirectoryClientOptions _options;

    internal DirectoryClient(DirectorySettings settings, ConnectionPool pool, ConnectionPool bindPool, SessionOpener opener, DirectoryClientOptions options)
    {
        Settings = settings;
        _pool = pool;
        _bindPool = bindPool;
        _opener = opener;
        _options = options;
    }

    public DirectorySettings Settings { get; }

    /// <summary>Every user (and every unusable entry) under the base DN, across as many pages as needed.</summary>
    public IAsyncEnumerable<DirectoryEntry> GetUsersAsync(CancellationToken cancellationToken = default) =>
        SearchAsync(clause: null, sameServerAs: null, cancellationToken);

    /// <summary>
    /// The mark to store with a sync, read BEFORE the sync starts so that nothing changed during it is missed:
    /// Active Directory's highestCommittedUSN on the server that answered, or the current time (the directory's, if it
    /// publishes it, else ours minus <see cref="DirectoryClientOptions.ClockSkewAllowance"/>).
    /// </summary>
    public async Task<ChangeMark> ReadChangeMarkAsync(CancellationToken cancellationToken = default)
    {
        RequireServiceAccount();
        using var channel = DirectoryChannel.Pooled(Settings, _pool, _opener);
        var rootDse = await UserSearch.ReadRootDseAsync(channel, Settings, cancellationToken);
        if (Settings.Mapping.Changes == ChangeTracking.UsnChanged)
        {
            return rootDse.HighestCommittedUsn is { } usn
                ? new UsnChangeMark(rootDse.Server(channel.Host), usn)
                : throw new DirectoryFailureException(Failures.Failures.DirectoryError(
                    _opener.Context(Settings, channel.Host), 0,
                    "the server does not publish highestCommittedUSN, so it is not Active Directory; set change tracking to modifyTimestamp",
                    reason: Failures.DirectoryFailureReasons.NoHighestCommittedUsn));
        }

        var now = rootDse.CurrentTime ?? _opener.Time.GetUtcNow() - _options.ClockSkewAllowance;
        return new TimestampChangeMark(new DateTimeOffset(now.UtcDateTime.Ticks - (now.UtcDateTime.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero));
    }

    /// <summary>
    /// The users changed since <paramref name="since"/> (possibly a few more: entries modified in the mark's second).
    /// Throws <see cref="FullSyncRequiredException"/> before yielding anything when the mark cannot be used: a USN mark
    /// from another domain controller (after a failover), or a mark that does not fit the domain's change tracking.
    /// </summary>
    public IAsyncEnumerable<DirectoryEntry> GetUsersChangedSinceAsync(ChangeMark since, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(since);
        if (ChangeQueries.FullSyncReason(since, Settings.Mapping.Changes, server: null) is { } reason)
        {
            throw new FullSyncRequiredException(reason);
        }

        return SearchAsync(ChangeQueries.Clause(since), since as UsnChangeMark, cancellationToken);
    }

    /// <summary>The user whose login attribute (SearchAttribute) equals <paramref name="login"/>; for auth and lookups.</summary>
    public async Task<UserLookup> FindUserByLoginAsync(string login, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(login);
        if (login.Length == 0)
        {
            return UserLookup.NotFound;
        }

        RequireServiceAccount();
        using var channel = DirectoryChannel.Pooled(Settings, _pool, _opener);
        return UserLookup.From(await UserSearch.FindAsync(channel, Settings, LdapFilter.Equality(Settings.LoginAttribute, login), cancellationToken));
    }

    /// <summary>
    /// The user who receives mail for <paramref name="address"/> (primary address or alias), for recipient
    /// verification. Not a valid address: not found, without asking the directory.
    /// </summary>
    public async Task<UserLookup> FindUserByAddressAsync(string address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        address = address.Trim().ToLowerInvariant();
        if (!MailAddresses.IsValid(address))
        {
            return UserLookup.NotFound;
        }

        RequireServiceAccount();
        var mapping = Settings.Mapping;
        var clauses = mapping.Aliases
            .Select(a => ProxyAddresses.IsProxyAddresses(a) ? LdapFilter.Equality(a, "smtp:" + address) : LdapFilter.Equality(a, address))
            .Prepend(LdapFilter.Equality(mapping.Mail, address))
            .ToArray();
        using var channel = DirectoryChannel.Pooled(Settings, _pool, _opener);
        var entries = await UserSearch.FindAsync(channel, Settings, LdapFilter.Or(clauses), cancellationToken);
        // The directory's matching may be looser than ours (e.g. an smtp: alias that we drop as invalid).
        return UserLookup.From(entries.Where(e => e is not DirectoryUser user || user.AllAddresses().Contains(address)).ToList());
    }

    /// <summary>
    /// Checks <paramref name="password"/> by binding as the user on a connection kept for password checks only (a bind
    /// changes who the connection acts as, so never one of the service account's), bound again for each check as
    /// LDAP allows: no TCP and TLS handshake per login. The user's DN is found with the service account, or, without
    /// one, built from <see cref="DirectorySettings.UserBindTemplate"/> (<see cref="FindPasswordTargetAsync"/>). An
    /// empty password, or one with a control character, is never sent; a bind counts only when the connection then
    /// acts as the user (<see cref="BoundIdentity"/>).
    /// </summary>
    public async Task<PasswordCheck> VerifyPasswordAsync(string login, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(login);
        ArgumentNullException.ThrowIfNull(password);
        if (Unusable(password) is { } refused)
        {
            return refused;
        }

        return await VerifyPasswordAsync(await FindPasswordTargetAsync(login, cancellationToken), password, cancellationToken);
    }

    /// <summary>
    /// Checks the password of a user already found (by <see cref="FindUserByAddressAsync"/>, say: someone logging in
    /// with an alias) by binding as their DN on a password-check connection. An empty password, or one with a control
    /// character, is never sent.
    /// </summary>
    public Task<PasswordCheck> VerifyPasswordAsync(DirectoryUser user, string password, CancellationToken cancellationToken = default) =>
        VerifyPasswordAsync(PasswordTarget.Of(user), password, cancellationToken);

    /// <summary>
    /// Whom a password check for <paramref name="login"/> binds as, without binding: the entry whose login attribute
    /// is <paramref name="login"/> (found with the service account), or the bind template filled with it. A caller
    /// that limits guesses per entry (<see cref="PasswordTarget.EntryKey"/>) decides between this and the bind.
    /// </summary>
    public async Task<PasswordTarget> FindPasswordTargetAsync(string login, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(login);
        if (login.Length == 0)
        {
            return PasswordTarget.Nobody(PasswordOutcome.UnknownUser);
        }

        if (Settings.HasServiceAccount)
        {
            var lookup = await FindUserByLoginAsync(login, cancellationToken);
            return lookup.Outcome switch
            {
                LookupOutcome.Found => PasswordTarget.Of(lookup.User!),
                LookupOutcome.Ambiguous => PasswordTarget.Nobody(PasswordOutcome.AmbiguousLogin),
                _ => PasswordTarget.Nobody(PasswordOutcome.UnknownUser),
            };
        }

        return Settings.UserBindTemplate is { } template && LoginTemplate.Fill(template, login) is { } filled
            ? PasswordTarget.ByTemplate(filled, login)
            : PasswordTarget.Nobody(PasswordOutcome.UnknownUser);
    }

    /// <summary>Checks <paramref name="password"/> by binding as <paramref name="target"/> (see the overload by login).</summary>
    public Task<PasswordCheck> VerifyPasswordAsync(PasswordTarget target, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(password);
        return Unusable(password) is { } refused ? Task.FromResult(refused)
            : target.BindName is { } bindName ? BindAsync(bindName, password, target.User, target.Login, cancellationToken)
            : Task.FromResult(new PasswordCheck(target.Refusal ?? PasswordOutcome.UnknownUser));
    }

    /// <summary>An empty password, or one with a control character, never reaches a bind (<see cref="BindPasswords"/>).</summary>
    private static PasswordCheck? Unusable(string password) =>
        password.Length == 0 ? new PasswordCheck(PasswordOutcome.EmptyPassword)
        : BindPasswords.IsUsable(password) ? null
        : new PasswordCheck(PasswordOutcome.UnusablePassword);

    private async Task<PasswordCheck> BindAsync(string bindName, string password, DirectoryUser? user, string? login, CancellationToken cancellationToken)
    {
        using var channel = DirectoryChannel.ForPasswordCheck(Settings, _bindPool, _opener, BindIdentity.User(bindName, password));
        if (!await channel.BindUserAsync(cancellationToken)
            || !await channel.RunAsync(c => BoundIdentity.Confirm(c, bindName, Settings.BaseDn), FailureStage.UserBind, cancellationToken))
        {
            // Refused, or "succeeded" as nobody (an unauthenticated bind) or as another entry: not this user's password.
            return new PasswordCheck(PasswordOutcome.WrongPassword, user);
        }

        if (user is null && login is not null)
        {
            // Bound as the user: read their entry with their own rights (most directories let users read themselves).
            var lookup = UserLookup.From(await UserSearch.FindAsync(channel, Settings, LdapFilter.Equality(Settings.LoginAttribute, login), cancellationToken));
            user = lookup.User;
        }

        return new PasswordCheck(PasswordOutcome.Verified, user);
    }

    /// <summary>
    /// "Save &amp; test": resolve, connect, tls, bind, base_dn and search, each timed, against the host (or, with
    /// <paramref name="failoverHost"/>, the failover host), with the number of users found and a sample.
    /// </summary>
    public Task<ConnectionTestReport> TestConnectionAsync(bool failoverHost = false, CancellationToken cancellationToken = default)
    {
        var host = failoverHost ? Settings.FailoverHost ?? throw new InvalidOperationException("The domain has no failover host.") : Settings.Host;
        return ConnectionTest.RunAsync(Settings, host, _opener, cancellationToken);
    }

    private async IAsyncEnumerable<DirectoryEntry> SearchAsync(
        string? clause, UsnChangeMark? sameServerAs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        RequireServiceAccount();
        using var channel = DirectoryChannel.Pooled(Settings, _pool, _opener);
        if (sameServerAs is not null)
        {
            // USNs are per domain controller: ask the one that answers who it is, on the same connection.
            var rootDse = await UserSearch.ReadRootDseAsync(channel, Settings, cancellationToken);
            if (ChangeQueries.FullSyncReason(sameServerAs, ChangeTracking.UsnChanged, rootDse.Server(channel.Host)) is { } reason)
            {
                throw new FullSyncRequiredException(reason);
            }
        }

        await foreach (var entry in UserSearch.PagedAsync(channel, Settings, clause, cancellationToken))
        {
            yield return entry;
        }
    }

    private void RequireServiceAccount()
    {
        if (!Settings.HasServiceAccount)
        {
            throw new InvalidOperationException("Searching the directory needs a service account; this domain only has a user bind template.");
        }
    }
}
