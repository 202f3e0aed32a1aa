using System.DirectoryServices.Protocols;
using Platform.Directory.Failures;
using Platform.Directory.Settings;
using Xunit;

namespace Platform.Directory.Tests.Unit;

public sealed class Classifying_failures
{
    private static readonly FailureContext Context = new(
        "dc1.corp.example.com", 389, DirectorySecurity.None, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30),
        "cn=svc,ou=services,dc=corp,dc=example,dc=com", "ou=staff,dc=corp,dc=example,dc=com", ["203.0.113.7", "198.51.100.9"]);

    [Theory]
    [InlineData(8, "ServiceBind", DirectoryFailureCodes.StrongAuthRequired)]
    [InlineData(13, "ServiceBind", DirectoryFailureCodes.StrongAuthRequired)]
    [InlineData(8, "Search", DirectoryFailureCodes.StrongAuthRequired)]
    [InlineData(49, "ServiceBind", DirectoryFailureCodes.InvalidServiceCredentials)]
    [InlineData(32, "BaseDn", DirectoryFailureCodes.BaseDnNotFound)]
    [InlineData(32, "Search", DirectoryFailureCodes.BaseDnNotFound)]
    [InlineData(10, "Search", DirectoryFailureCodes.BaseDnNotFound)]
    [InlineData(34, "BaseDn", DirectoryFailureCodes.BaseDnNotFound)]
    [InlineData(3, "Search", DirectoryFailureCodes.Timeout)]
    [InlineData(85, "ServiceBind", DirectoryFailureCodes.Timeout)]
    [InlineData(81, "Connect", DirectoryFailureCodes.ConnectionRefused)]
    [InlineData(91, "Connect", DirectoryFailureCodes.ConnectionRefused)]
    [InlineData(50, "Search", DirectoryFailureCodes.DirectoryError)]
    [InlineData(53, "ServiceBind", DirectoryFailureCodes.DirectoryError)]
    [InlineData(32, "ServiceBind", DirectoryFailureCodes.DirectoryError)]
    public void Maps_result_codes_by_the_stage_they_occur_in(int code, string stage, string expected)
    {
        Assert.Equal(expected, ResultCodeClassification.Classify(code, Enum.Parse<FailureStage>(stage), Context).Code);
    }

    [Fact]
    public void Treats_a_connect_error_with_tls_as_a_tls_failure()
    {
        var failure = ResultCodeClassification.Classify(91, FailureStage.Connect, Context with { Security = DirectorySecurity.StartTls }, "(unknown error code)");

        Assert.Equal(DirectoryFailureCodes.TlsFailure, failure.Code);
        Assert.Equal("The TLS connection to dc1.corp.example.com:389 could not be established.", failure.Message);
    }

    [Fact]
    public void Lists_the_platforms_outgoing_addresses_in_the_timeout_hint()
    {
        var failure = ResultCodeClassification.Classify(85, FailureStage.ServiceBind, Context);

        Assert.Equal("No answer from dc1.corp.example.com:389 within 30 s.", failure.Message);
        Assert.Contains("Allow inbound TCP port 389 from the platform's addresses (203.0.113.7, 198.51.100.9)", failure.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Tells_to_encrypt_when_strong_authentication_is_required()
    {
        var failure = ResultCodeClassification.Classify(8, FailureStage.ServiceBind, Context);

        Assert.Contains("starttls", failure.Hint, StringComparison.Ordinal);
        Assert.Contains("ldaps", failure.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_the_service_account_and_what_the_server_said_but_no_password()
    {
        var failure = ResultCodeClassification.Classify(
            49, FailureStage.ServiceBind, Context, "80090308: LdapErr: DSID-0C09042F, comment: AcceptSecurityContext error, data 52e, v4563");

        Assert.Contains("cn=svc,ou=services,dc=corp,dc=example,dc=com", failure.Message, StringComparison.Ordinal);
        Assert.Contains("data 52e", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Confidentiality is required for this operation.", 13)]
    [InlineData("Strong authentication is required for this operation.", 8)]
    [InlineData("The server cannot handle directory requests.", 53)]
    [InlineData("The object does not exist.", 32)]
    public void Recovers_the_result_code_of_a_bind_failure_from_its_message(string message, int code)
    {
        // Bind() throws DirectoryOperationException without a response for these: only the message tells the code.
        Assert.Equal(code, LdapErrors.Read(new DirectoryOperationException(message)).Code);
    }

    [Fact]
    public void Reads_the_code_of_an_ldap_exception()
    {
        Assert.Equal((49, "data 52e"), LdapErrors.Read(new LdapException(49, "The supplied credential is invalid.", "data 52e")));
        Assert.Equal(80, LdapErrors.Read(new DirectoryOperationException("something else entirely")).Code);
    }

    [Fact]
    public void Describes_result_codes_by_name()
    {
        Assert.Equal("confidentialityRequired", LdapErrors.Describe(13));
        Assert.Equal("error 4711", LdapErrors.Describe(4711));
    }

    [Fact]
    public void Words_every_failure_without_the_settings_password()
    {
        const string password = "Hunter2-very-secret";
        var settings = new DirectorySettings
        {
            Kind = DirectoryKind.OpenLdap, Host = "ldap.example.com", BaseDn = "dc=example,dc=com",
            BindDn = "cn=svc,dc=example,dc=com", BindPassword = new DirectorySecret(password),
        };
        var context = FailureContext.For(settings, settings.Host, []);
        var failures = new[]
        {
            Failures.Failures.Dns(context), Failures.Failures.Refused(context), Failures.Failures.Timeout(context, "now"),
            Failures.Failures.Tls(context, "x", DirectoryFailureReasons.HandshakeFailed), Failures.Failures.StrongAuthRequired(context),
            Failures.Failures.ServiceCredentials(context, null), Failures.Failures.BaseDnNotFound(context),
            Failures.Failures.NoUsersFound(context, "(uid=*)"), Failures.Failures.DirectoryError(context, 1, "x"),
        };

        Assert.All(failures, f =>
        {
            Assert.DoesNotContain(password, f.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(password, new DirectoryFailureException(f).ToString(), StringComparison.Ordinal);
            Assert.NotEmpty(f.Hint);
            Assert.DoesNotContain(f.Values.Values, v => v.Contains(password, StringComparison.Ordinal));
            Assert.Equal("ldap.example.com", f.Values[DirectoryFailureValues.Host]);
        });
        Assert.Equal(9, failures.Select(f => f.Code).Distinct().Count());
    }
}
