using System.Diagnostics;
using Platform.Directory.Egress;
using Platform.DirectorySync.Recipients.Callout;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests.Recipients.Callout;

/// <summary>One RCPT TO dialog with a domain's own mail server: the real local SMTP sink, or a scripted one for its faults.</summary>
public sealed class Calling_out_to_a_domains_mail_server : IDisposable
{
    private readonly MailboxFile _mailboxes = new("alice", "Bob.Smith");
    private readonly SmtpCalloutClient _client = Callouts.Client();

    public void Dispose() => _mailboxes.Dispose();

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("10.0.0.1")]
    [InlineData("::ffff:192.168.1.1")]
    public async Task Refuses_an_internal_address_before_sending_anything(string host)
    {
        // With a minute to connect, any connection attempt would show in the time.
        var client = Callouts.Client(Callouts.Options(o => o.ConnectTimeout = TimeSpan.FromMinutes(1)));
        var clock = Stopwatch.StartNew();

        var answer = await client.VerifyAsync(new CalloutServer(host), "alice@example.com", CancellationToken.None);

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.Equal(CalloutOutcome.Unknown, answer.Outcome);
        Assert.StartsWith("connect: destination not allowed", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_the_platforms_own_endpoints_although_loopback_is_allowed()
    {
        using var own = new ScriptedSmtpServer("220 own service");
        var egress = new EgressPolicy(EgressPolicy.ParseNetworks(Infrastructure.AllowedNetworks), [new ConfiguredEndpoint("127.0.0.1", own.Server.Port, "service")]);
        var client = Callouts.Client(egress: egress);

        var byAddress = await client.VerifyAsync(own.Server, "alice@example.com", CancellationToken.None);
        var byName = await client.VerifyAsync(own.Server with { Host = "localhost" }, "alice@example.com", CancellationToken.None);

        Assert.StartsWith("connect: destination not allowed", byAddress.Reason, StringComparison.Ordinal);
        Assert.StartsWith("connect: destination not allowed", byName.Reason, StringComparison.Ordinal);
        Assert.Equal(0, own.Connections);
    }

    [Fact]
    public async Task Finds_a_listed_mailbox_valid_whatever_its_case()
    {
        var alice = await _client.VerifyAsync(MailboxFile.Sink, _mailboxes.Address("alice"), CancellationToken.None);
        var bob = await _client.VerifyAsync(MailboxFile.Sink, _mailboxes.Address("bob.smith").ToUpperInvariant(), CancellationToken.None);

        Assert.Equal(new CalloutAnswer(CalloutOutcome.Valid, 250, "RCPT TO: 250"), alice);
        Assert.Equal(CalloutOutcome.Valid, bob.Outcome);
    }

    [Fact]
    public async Task Finds_an_unlisted_mailbox_invalid_with_the_servers_550()
    {
        var answer = await _client.VerifyAsync(MailboxFile.Sink, _mailboxes.Address("mallory"), CancellationToken.None);

        Assert.Equal(new CalloutAnswer(CalloutOutcome.Invalid, 550, "RCPT TO: 550 5.1.1"), answer);
    }

    [Fact]
    public async Task Cannot_tell_when_the_server_defers_the_recipient()
    {
        _mailboxes.TempFail(true);

        var answer = await _client.VerifyAsync(MailboxFile.Sink, _mailboxes.Address("alice"), CancellationToken.None);

        Assert.Equal(new CalloutAnswer(CalloutOutcome.Unknown, 450, "RCPT TO: 450 4.2.0"), answer);
    }

    [Fact]
    public async Task Cannot_tell_when_nothing_listens_on_the_servers_port()
    {
        var answer = await _client.VerifyAsync(new CalloutServer("127.0.0.1", Shell.FreePort()), _mailboxes.Address("alice"), CancellationToken.None);

        Assert.Equal(new CalloutAnswer(CalloutOutcome.Unknown, null, "connect: connection refused"), answer);
    }

    [Fact]
    public async Task Gives_up_on_a_server_that_never_greets_after_the_command_timeout()
    {
        using var silent = new ScriptedSmtpServer();
        var client = Callouts.Client(Callouts.Options(o => o.CommandTimeout = TimeSpan.FromMilliseconds(500)));
        var clock = Stopwatch.StartNew();

        var answer = await client.VerifyAsync(silent.Server, _mailboxes.Address("alice"), CancellationToken.None);

        Assert.Equal(new CalloutAnswer(CalloutOutcome.Unknown, null, "greeting: no reply within 0.5 s"), answer);
        Assert.Equal(1, silent.Connections);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(450), TimeSpan.FromSeconds(4));
    }

    [Theory]
    [InlineData("")]
    [InlineData("alice")]
    [InlineData("@callout.example")]
    [InlineData("alice@")]
    [InlineData("al ice@callout.example")]
    [InlineData("<alice@callout.example>")]
    [InlineData("alice@callout.example>\r\nRCPT TO:<bob@callout.example")]
    [InlineData("alice@callout..example")]
    public async Task Refuses_a_malformed_address_without_connecting(string address)
    {
        using var server = new ScriptedSmtpServer("220 ready", "250 hello", "250 ok", "250 ok", "221 bye");

        var answer = await _client.VerifyAsync(server.Server, address, CancellationToken.None);

        Assert.Equal(CalloutOutcome.Invalid, answer.Outcome);
        Assert.Null(answer.ReplyCode);
        Assert.Equal(0, server.Connections);
    }

    [Fact]
    public async Task Cannot_tell_for_an_address_that_needs_smtputf8_and_does_not_ask()
    {
        using var server = new ScriptedSmtpServer("220 ready", "250 hello", "250 ok", "250 ok", "221 bye");

        var answer = await _client.VerifyAsync(server.Server, "jürgen@callout.example", CancellationToken.None);

        Assert.Equal(CalloutOutcome.Unknown, answer.Outcome);
        Assert.Equal(0, server.Connections);
    }

    [Fact]
    public async Task Says_HELO_when_the_server_refuses_EHLO_and_sends_the_null_sender()
    {
        using var server = new ScriptedSmtpServer("220 old.example ready", "502 5.5.1 EHLO not implemented", "250 old.example", "250 ok", "250 ok", "221 bye");

        var answer = await _client.VerifyAsync(server.Server, "alice@old.example", CancellationToken.None);

        Assert.Equal(CalloutOutcome.Valid, answer.Outcome);
        Assert.Equal(
            ["EHLO callout-tests.platform.example", "HELO callout-tests.platform.example", "MAIL FROM:<>", "RCPT TO:<alice@old.example>", "QUIT"],
            await Eventually.Get(() => Task.FromResult(server.Received.ToArray()), r => r.Length == 5, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Sends_the_configured_sender_and_reads_multi_line_replies()
    {
        using var server = new ScriptedSmtpServer("220-mx.example ESMTP\r\n220 no UCE", "250-mx.example\r\n250-SIZE 1000\r\n250 HELP", "250 ok", "251 2.1.5 forwarded", "221 bye");
        var client = Callouts.Client(Callouts.Options(o => o.Sender = "postmaster@platform.example"));

        var answer = await client.VerifyAsync(server.Server, "alice@mx.example", CancellationToken.None);

        Assert.Equal(new CalloutAnswer(CalloutOutcome.Valid, 251, "RCPT TO: 251 2.1.5"), answer);
        Assert.Contains("MAIL FROM:<postmaster@platform.example>", server.Received);
    }

    [Theory]
    [InlineData(new[] { "554 5.7.1 go away" }, 554, "greeting: 554 5.7.1")]
    [InlineData(new[] { "220 ready", "421 4.3.2 shutting down" }, 421, "EHLO: 421 4.3.2")]
    [InlineData(new[] { "220 ready", "500 no", "501 5.5.2 bad name" }, 501, "HELO: 501 5.5.2")]
    [InlineData(new[] { "220 ready", "250 hello", "553 5.1.7 null sender refused" }, 553, "MAIL FROM: 553 5.1.7")]
    public async Task Cannot_tell_when_the_server_refuses_before_the_recipient(string[] replies, int code, string reason)
    {
        using var server = new ScriptedSmtpServer([.. replies, "221 bye"]);

        var answer = await _client.VerifyAsync(server.Server, "alice@mx.example", CancellationToken.None);

        Assert.Equal(new CalloutAnswer(CalloutOutcome.Unknown, code, reason), answer);
    }

    [Fact]
    public async Task Cannot_tell_from_a_reply_it_cannot_read()
    {
        using var server = new ScriptedSmtpServer("220 ready", "250 hello", "250 ok", "yes, alice lives here");

        var answer = await _client.VerifyAsync(server.Server, "alice@mx.example", CancellationToken.None);

        Assert.Equal(new CalloutAnswer(CalloutOutcome.Unknown, null, "RCPT TO: unreadable reply line"), answer);
    }
}
