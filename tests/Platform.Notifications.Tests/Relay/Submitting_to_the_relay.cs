using System.Text;
using System.Text.Json.Nodes;
using MimeKit;
using Platform.Notifications.Relay;
using Platform.Testing;
using Xunit;

namespace Platform.Notifications.Tests.Relay;

/// <summary>The relay client against a real SMTP server (a private sink): TLS, authentication, a kept connection, refusals.</summary>
public sealed class Submitting_to_the_relay
{
    private static readonly (string User, string Password) Credentials = ("relay-user", "relay-secret-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Switches_to_tls_authenticates_and_sends_several_messages_over_one_kept_connection()
    {
        await using var sink = await PrivateSmtpSink.StartAsync(PrivateSmtpSink.StartTls.Required, Credentials);
        await using var relay = await SmtpRelayConnection.OpenAsync(Options(sink, SmtpSecurity.Required, authenticate: true), CancellationToken.None);

        foreach (var n in new[] { 1, 2, 3 })
        {
            var outcome = await relay.SendAsync("sender@example.com", [$"user{n}@example.com"],
                Message($"message {n}", ".a line that starts with a dot\r\n..and one with two\r\n."), CancellationToken.None);
            Assert.True(outcome.Accepted, outcome.Reason);
        }

        Assert.False(relay.IsBroken);
        var mail = Assert.Single(SinkMail.To("user2@example.com", sink.MailDir));
        Assert.Equal("message 2", mail.Subject);
        Assert.EndsWith("\r\n\r\n.a line that starts with a dot\r\n..and one with two\r\n.\r\n", File.ReadAllText(mail.File), StringComparison.Ordinal);
        var envelope = Envelope(mail);
        Assert.Equal((true, Credentials.User), (envelope["tls"]!.GetValue<bool>(), envelope["auth_user"]!.GetValue<string>()));
        Assert.Equal(3, System.IO.Directory.GetFiles(sink.MailDir, "*.eml").Length);
    }

    [Fact]
    public async Task Authenticates_with_login_where_the_relay_offers_no_plain()
    {
        await using var sink = await PrivateSmtpSink.StartAsync(PrivateSmtpSink.StartTls.Required, Credentials, authMechanisms: "LOGIN");
        await using var relay = await SmtpRelayConnection.OpenAsync(Options(sink, SmtpSecurity.StartTls, authenticate: true), CancellationToken.None);

        var outcome = await relay.SendAsync("sender@example.com", ["lena@example.com"], Message("by login", "hello"), CancellationToken.None);

        Assert.True(outcome.Accepted, outcome.Reason);
        Assert.Equal(Credentials.User, Envelope(Assert.Single(SinkMail.To("lena@example.com", sink.MailDir)))["auth_user"]!.GetValue<string>());
    }

    [Fact]
    public async Task Uses_starttls_opportunistically_when_offered_and_clear_text_when_not()
    {
        await using var tls = await PrivateSmtpSink.StartAsync(PrivateSmtpSink.StartTls.Offered);
        await using var plain = await PrivateSmtpSink.StartAsync();

        foreach (var sink in new[] { tls, plain })
        {
            await using var relay = await SmtpRelayConnection.OpenAsync(Options(sink, SmtpSecurity.Opportunistic), CancellationToken.None);
            Assert.True((await relay.SendAsync("sender@example.com", ["anna@example.com"], Message("hi", "hello"), CancellationToken.None)).Accepted);
        }

        Assert.True(Envelope(Assert.Single(SinkMail.To("anna@example.com", tls.MailDir)))["tls"]!.GetValue<bool>());
        Assert.False(Envelope(Assert.Single(SinkMail.To("anna@example.com", plain.MailDir)))["tls"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Never_sends_the_password_in_clear_text_nor_falls_back_when_tls_is_required()
    {
        await using var plain = await PrivateSmtpSink.StartAsync(auth: Credentials);

        var opportunistic = await Assert.ThrowsAsync<SmtpRelayUnavailableException>(
            () => SmtpRelayConnection.OpenAsync(Options(plain, SmtpSecurity.Opportunistic, authenticate: true), CancellationToken.None));
        var required = await Assert.ThrowsAsync<SmtpRelayUnavailableException>(
            () => SmtpRelayConnection.OpenAsync(Options(plain, SmtpSecurity.StartTls), CancellationToken.None));

        Assert.Contains("never sent in clear text", opportunistic.Message, StringComparison.Ordinal);
        Assert.Contains("does not offer STARTTLS", required.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_relay_whose_certificate_it_cannot_trust_and_a_wrong_password_without_repeating_it()
    {
        await using var sink = await PrivateSmtpSink.StartAsync(PrivateSmtpSink.StartTls.Required, Credentials);

        var untrusted = await Assert.ThrowsAsync<SmtpRelayUnavailableException>(
            () => SmtpRelayConnection.OpenAsync(Options(sink, SmtpSecurity.StartTls, ca: null), CancellationToken.None));
        var wrong = Options(sink, SmtpSecurity.StartTls, authenticate: true, password: "not-the-" + Credentials.Password);
        var refused = await Assert.ThrowsAsync<SmtpRelayUnavailableException>(() => SmtpRelayConnection.OpenAsync(wrong, CancellationToken.None));

        Assert.StartsWith("STARTTLS: TLS failed", untrusted.Message, StringComparison.Ordinal);
        Assert.StartsWith("AUTH: 535", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Credentials.Password, refused.ToString(), StringComparison.Ordinal);
        Assert.Empty(System.IO.Directory.GetFiles(sink.MailDir, "*.eml"));
    }

    [Fact]
    public async Task Answers_a_refused_recipient_as_permanent_and_keeps_the_connection_for_the_next_message()
    {
        await using var sink = await PrivateSmtpSink.StartAsync();
        var domain = $"r{Guid.NewGuid():N}"[..12] + ".example";
        var mailboxes = Path.Combine(Infrastructure.Get("Smtp:MailboxDir"), domain);
        await File.WriteAllTextAsync(mailboxes, $"known@{domain}\n");
        try
        {
            // The shared sink knows the mailbox lists; the private one only stores what it gets.
            var shared = new SmtpRelayOptions { Host = Infrastructure.Get("Smtp:Host"), Port = int.Parse(Infrastructure.Get("Smtp:Port"), System.Globalization.CultureInfo.InvariantCulture) };
            await using var relay = await SmtpRelayConnection.OpenAsync(shared, CancellationToken.None);

            var refused = await relay.SendAsync("sender@example.com", [$"ghost@{domain}"], Message("to a ghost", "boo"), CancellationToken.None);
            var accepted = await relay.SendAsync("sender@example.com", [$"known@{domain}"], Message("to someone", "hello"), CancellationToken.None);

            Assert.Equal((false, true, 550), (refused.Accepted, refused.Permanent, refused.Code));
            Assert.StartsWith("RCPT TO: 550 5.1.1", refused.Reason, StringComparison.Ordinal);
            Assert.True(accepted.Accepted, accepted.Reason);
            Assert.Single(SinkMail.To($"known@{domain}"));
            Assert.Empty(SinkMail.To($"ghost@{domain}"));
        }
        finally
        {
            File.Delete(mailboxes);
        }
    }

    [Fact]
    public async Task Refuses_an_envelope_address_that_is_not_one_for_good_without_sending_it()
    {
        await using var sink = await PrivateSmtpSink.StartAsync();
        await using var relay = await SmtpRelayConnection.OpenAsync(Options(sink, SmtpSecurity.None), CancellationToken.None);

        var refused = await relay.SendAsync("sender@example.com", ["anna@example.com>\r\nRCPT TO:<eve@example.com"], Message("hi", "hello"), CancellationToken.None);
        var next = await relay.SendAsync("sender@example.com", ["anna@example.com"], Message("next", "hello"), CancellationToken.None);

        Assert.Equal((false, true), (refused.Accepted, refused.Permanent));
        Assert.StartsWith("envelope: not an address", refused.Reason, StringComparison.Ordinal);
        Assert.True(next.Accepted, next.Reason);
        Assert.Empty(SinkMail.To("eve@example.com", sink.MailDir));
        Assert.Single(SinkMail.To("anna@example.com", sink.MailDir));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Sends_the_envelope_in_one_go_to_a_relay_that_offers_pipelining_and_command_by_command_otherwise(bool pipelining)
    {
        await using var sink = await PrivateSmtpSink.StartAsync(pipelining: pipelining);
        System.IO.Directory.CreateDirectory(sink.MailboxDir);
        await File.WriteAllTextAsync(Path.Combine(sink.MailboxDir, "pipe.example"), "known@pipe.example\nother@pipe.example\n");
        await using var relay = await SmtpRelayConnection.OpenAsync(Options(sink, SmtpSecurity.None), CancellationToken.None);

        var one = await relay.SendAsync("sender@example.com", ["known@pipe.example"], Message("to one", "hello"), CancellationToken.None);
        var two = await relay.SendAsync("sender@example.com", ["known@pipe.example", "other@pipe.example"], Message("to two", "hello"), CancellationToken.None);
        var ghost = await relay.SendAsync("sender@example.com", ["ghost@pipe.example"], Message("to a ghost", "boo"), CancellationToken.None);
        var ghosts = await relay.SendAsync("sender@example.com", ["ghost1@pipe.example", "ghost2@pipe.example"], Message("to ghosts", "boo"),
            CancellationToken.None);
        var last = await relay.SendAsync("sender@example.com", ["other@pipe.example"], Message("after them", "hello"), CancellationToken.None);

        Assert.True(one.Accepted && two.Accepted && last.Accepted, $"{one.Reason} / {two.Reason} / {last.Reason}");
        Assert.Equal((false, true, 550), (ghost.Accepted, ghost.Permanent, ghost.Code));
        Assert.Equal((false, true, 550), (ghosts.Accepted, ghosts.Permanent, ghosts.Code));
        Assert.StartsWith("RCPT TO: 550", ghosts.Reason, StringComparison.Ordinal);
        Assert.Equal(["to one", "to two"], SinkMail.To("known@pipe.example", sink.MailDir).Select(m => m.Subject).Order(StringComparer.Ordinal));
        Assert.Equal(["after them", "to two"], SinkMail.To("other@pipe.example", sink.MailDir).Select(m => m.Subject).Order(StringComparer.Ordinal));
        Assert.Equal(3, System.IO.Directory.GetFiles(sink.MailDir, "*.eml").Length);
        // Pipelined, the second recipient was on its way before the relay refused the first; one by one, it never went.
        Assert.Equal(pipelining, sink.Output.Any(line => line.StartsWith("refused ghost2@pipe.example", StringComparison.Ordinal)));
        Assert.Contains(sink.Output, line => line.StartsWith("refused ghost1@pipe.example", StringComparison.Ordinal));
    }

    private static SmtpRelayOptions Options(
        PrivateSmtpSink sink, string security, bool authenticate = false, string? password = null, string? ca = "test CA") => new()
    {
        Host = "127.0.0.1", Port = sink.Port, Security = security, CaCertificateFile = ca is null ? null : PrivateSmtpSink.CaCertificateFile,
        Username = authenticate ? Credentials.User : null, Password = authenticate ? password ?? Credentials.Password : null,
        CommandTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>A message as it reads on the wire, parsed by MimeKit (which writes it back unchanged).</summary>
    private static MimeMessage Message(string subject, string body) => MimeMessage.Load(new MemoryStream(
        Encoding.ASCII.GetBytes($"From: <sender@example.com>\r\nSubject: {subject}\r\nMessage-ID: <{Guid.NewGuid():N}@example.com>\r\n\r\n{body}\r\n")));

    private static JsonNode Envelope(SinkMail mail) => JsonNode.Parse(File.ReadAllText(Path.ChangeExtension(mail.File, ".json")))!;
}
