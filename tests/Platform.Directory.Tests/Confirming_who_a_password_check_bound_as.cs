using Platform.Directory.Connections;
using Platform.Directory.Failures;
using Platform.Directory.Passwords;
using Platform.Directory.Settings;
using Platform.Directory.Tests.Fixtures;
using Platform.Testing;
using Xunit;

namespace Platform.Directory.Tests;

/// <summary>
/// A bind that "succeeds" is not yet a verified password: servers that allow unauthenticated binds (AD's default,
/// OpenLDAP's <c>allow bind_anon_dn bind_anon_cred</c>) let some binds through as nobody.
/// </summary>
public sealed class Confirming_who_a_password_check_bound_as
{
    private const string Suffix = "o=lenient";

    [Fact]
    public async Task Refuses_a_password_the_server_accepted_for_a_dn_it_binds_anonymously()
    {
        await using var slapd = await PrivateSlapd.StartAsync(Suffix, "allow bind_anon_dn bind_anon_cred",
            PrivateSlapd.Person(Suffix, "uma", "uma@lenient.example", "right password 1"));
        using var factory = LocalLdap.Factory();
        var client = factory.Create(Settings(slapd));
        var uma = (await client.FindUserByLoginAsync("uma")).User!;

        // slapd binds an empty DN with any password as nobody (bind_anon_cred).
        var anonymous = await client.VerifyPasswordAsync(uma with { Dn = "" }, "any password 2");
        var right = await client.VerifyPasswordAsync(uma, "right password 1");
        var unauthenticated = await client.VerifyPasswordAsync(uma, "\0x");

        Assert.Equal(PasswordOutcome.WrongPassword, anonymous.Outcome);
        Assert.Equal(PasswordOutcome.Verified, right.Outcome);
        Assert.Equal(PasswordOutcome.UnusablePassword, unauthenticated.Outcome);
    }

    [Fact]
    public async Task Takes_an_unauthenticated_bind_refused_with_result_53_as_a_refused_password_not_an_outage()
    {
        await using var subtree = await TestSubtree.CreateAsync();
        var dn = await subtree.AddAdUserAsync("alice", mail: "alice@example.com");
        var settings = subtree.Settings(DirectoryKind.ActiveDirectory, DirectorySecurity.StartTls);
        var options = new DirectoryClientOptions();
        using var cas = new TrustedCaStore();
        var opener = new SessionOpener(cas, options, LocalLdap.Egress, TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        using var pool = new ConnectionPool(opener, options, 2, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        // Past every check in front of it, as if one had been forgotten: the shared slapd answers 53 (unwillingToPerform).
        var unauthenticated = new BindIdentity(dn, new DirectorySecret(""), FailureStage.UserBind);

        bool onNewConnection, rightPassword, onKeptConnection;
        using (var first = DirectoryChannel.ForPasswordCheck(settings, pool, opener, unauthenticated))
        {
            onNewConnection = await first.BindUserAsync(CancellationToken.None);
        }

        using (var right = DirectoryChannel.ForPasswordCheck(settings, pool, opener, BindIdentity.User(dn, TestSubtree.UserPassword)))
        {
            rightPassword = await right.BindUserAsync(CancellationToken.None);
        }

        // The connection the right password left bound is bound again for the next check.
        using (var kept = DirectoryChannel.ForPasswordCheck(settings, pool, opener, unauthenticated))
        {
            onKeptConnection = await kept.BindUserAsync(CancellationToken.None);
        }

        Assert.Equal((false, true, false), (onNewConnection, rightPassword, onKeptConnection));
    }

    [Fact]
    public async Task Reads_as_the_user_on_samba_which_does_not_answer_who_am_i_and_finds_nobody_on_an_anonymous_connection()
    {
        var settings = new DirectorySettings
        {
            Kind = DirectoryKind.ActiveDirectory, Host = LocalLdap.Host, Port = int.Parse(Infrastructure.Get("ActiveDirectory:Port"), System.Globalization.CultureInfo.InvariantCulture),
            Security = DirectorySecurity.StartTls, CaCertificatePem = LocalLdap.CaPem, BindDn = Infrastructure.Get("ActiveDirectory:ServiceDn"),
            BindPassword = new DirectorySecret(Infrastructure.Get("ActiveDirectory:ServicePassword")), BaseDn = Infrastructure.Get("ActiveDirectory:UsersDn"),
        };
        var alice = "CN=Alice Smith," + settings.BaseDn;
        using var cas = new TrustedCaStore();
        var opener = new SessionOpener(cas, new DirectoryClientOptions(), LocalLdap.Egress, TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        using var session = await opener.OpenOnAsync(settings, LocalLdap.Host, BindIdentity.User(alice, Infrastructure.Get("ActiveDirectory:UserPassword")), null, CancellationToken.None);

        var asAlice = await session.RunAsync(c => BoundIdentity.Confirm(c, alice, settings.BaseDn), CancellationToken.None);
        var asNobody = await session.RunAsync(c =>
        {
            // An anonymous bind on the same (TLS) connection: the credentials of the user's bind are dropped with it.
            c.AuthType = System.DirectoryServices.Protocols.AuthType.Anonymous;
            c.Bind(null!);
            return BoundIdentity.Confirm(c, alice, settings.BaseDn);
        }, CancellationToken.None);

        Assert.Equal((true, false), (asAlice, asNobody));
    }

    private static DirectorySettings Settings(PrivateSlapd slapd) => new()
    {
        Kind = DirectoryKind.OpenLdap, Host = PrivateSlapd.Host, Port = slapd.Port, Security = DirectorySecurity.StartTls, CaCertificatePem = LocalLdap.CaPem,
        BindDn = slapd.AdminDn, BindPassword = new DirectorySecret(slapd.AdminPassword), BaseDn = Suffix,
    };
}
