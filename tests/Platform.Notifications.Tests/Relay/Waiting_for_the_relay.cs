using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;
using Platform.Notifications.Relay;
using Xunit;

namespace Platform.Notifications.Tests.Relay;

/// <summary>
/// The relay's time to answer: a command within <see cref="SmtpRelayOptions.CommandTimeout"/>, the content — which a
/// relay may scan before it answers the final dot — within the longer <see cref="SmtpRelayOptions.DataTimeout"/>.
/// </summary>
public sealed class Waiting_for_the_relay
{
    [Fact]
    public async Task Waits_longer_than_a_commands_timeout_for_the_answer_to_the_content_but_not_for_a_command()
    {
        var scanning = TimeSpan.FromSeconds(4);
        await using var slowContent = await ScriptedRelay.StartAsync(slowAfter: ".", scanning);
        await using var slowMail = await ScriptedRelay.StartAsync(slowAfter: "MAIL", scanning);
        var options = (int port) => new SmtpRelayOptions
        {
            Host = "127.0.0.1", Port = port, CommandTimeout = TimeSpan.FromSeconds(2), DataTimeout = TimeSpan.FromSeconds(20),
        };

        await using var toSlowContent = await SmtpRelayConnection.OpenAsync(options(slowContent.Port), CancellationToken.None);
        await using var toSlowMail = await SmtpRelayConnection.OpenAsync(options(slowMail.Port), CancellationToken.None);
        var accepted = await toSlowContent.SendAsync("sender@example.com", ["anna@example.com"], Message(), CancellationToken.None);
        var unavailable = await Assert.ThrowsAsync<SmtpRelayUnavailableException>(
            () => toSlowMail.SendAsync("sender@example.com", ["anna@example.com"], Message(), CancellationToken.None));

        Assert.True(accepted.Accepted, accepted.Reason);
        Assert.Equal("MAIL FROM: no answer in time", unavailable.Message);
    }

    private static MimeMessage Message() => new() { Subject = "scanned", Body = new TextPart("plain") { Text = "hello" } };

    /// <summary>A relay of a few lines: answers at once, except after <c>slowAfter</c> (a command, or the final dot).</summary>
    private sealed class ScriptedRelay : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private Task _serving = Task.CompletedTask;

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public static Task<ScriptedRelay> StartAsync(string slowAfter, TimeSpan delay)
        {
            var relay = new ScriptedRelay();
            relay._listener.Start();
            relay._serving = relay.ServeAsync(slowAfter, delay);
            return Task.FromResult(relay);
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            await _serving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        private async Task ServeAsync(string slowAfter, TimeSpan delay)
        {
            using var client = await _listener.AcceptTcpClientAsync();
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 scripted relay");
            var inData = false;
            while (await reader.ReadLineAsync() is { } line)
            {
                if (inData && line != ".")
                {
                    continue;
                }

                if (line.StartsWith(slowAfter, StringComparison.Ordinal))
                {
                    await Task.Delay(delay);
                }

                inData = false;
                var reply = line switch
                {
                    _ when line.StartsWith("EHLO", StringComparison.Ordinal) => "250 scripted",
                    "DATA" => "354 go on",
                    "QUIT" => "221 bye",
                    _ => "250 ok",
                };
                inData = line == "DATA";
                await writer.WriteLineAsync(reply);
            }
        }
    }
}
