using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Platform.Bench.FirstSpam;

/// <summary>
/// The benchmark's SMTP sink, in this process on a free loopback port: it speaks the server side of SMTP
/// (EHLO/HELO, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT; many messages per session; PIPELINING as
/// relays offer it, its replies to a pipelined group written together), accepts every
/// message once it has read all of it, and counts the messages each recipient got. It stores nothing: it stands for
/// a relay that takes mail off our hands, and costs a fraction of the project's Python sink (infra/smtp/sink.py),
/// whose per-mail cost would otherwise be a large part of what the benchmark measures.
/// </summary>
internal sealed class BenchSink : IAsyncDisposable
{
    private static readonly byte[] EndOfData = "\r\n.\r\n"u8.ToArray();

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, int> _perRecipient = new(StringComparer.OrdinalIgnoreCase);
    private readonly Task _accepting;
    private int _count;

    private BenchSink()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start(backlog: 512);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public static Task<BenchSink> StartAsync() => Task.FromResult(new BenchSink());

    /// <summary>How many messages the sink has accepted.</summary>
    public int Count() => Volatile.Read(ref _count);

    /// <summary>How many messages each recipient got.</summary>
    public Dictionary<string, int> PerRecipient() => new(_perRecipient, StringComparer.OrdinalIgnoreCase);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        client.NoDelay = true;
        var stream = client.GetStream();
        var reader = PipeReader.Create(stream);
        var writer = PipeWriter.Create(stream);
        var recipients = new List<string>();
        try
        {
            await ReplyAsync(writer, "220 bench-sink ESMTP\r\n");
            while (true)
            {
                var (line, more) = await ReadLineAsync(reader);
                if (line is null)
                {
                    return;
                }

                // Replies to pipelined commands go out together, once the sink has answered all it was sent.
                var flush = !more;

                var verb = (line.Length >= 4 ? line[..4] : line).ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await ReplyAsync(writer, "250-bench-sink\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250-PIPELINING\r\n250 SIZE 52428800\r\n");
                        break;
                    case "HELO":
                    case "NOOP":
                        await ReplyAsync(writer, "250 OK\r\n");
                        break;
                    case "MAIL":
                    case "RSET":
                        recipients.Clear();
                        await ReplyAsync(writer, "250 OK\r\n", flush);
                        break;
                    case "RCPT":
                        recipients.Add(Address(line));
                        await ReplyAsync(writer, "250 OK\r\n", flush);
                        break;
                    case "DATA":
                        await ReplyAsync(writer, "354 go ahead\r\n");
                        if (!await SkipDataAsync(reader))
                        {
                            return;
                        }

                        foreach (var recipient in recipients)
                        {
                            _perRecipient.AddOrUpdate(recipient, 1, (_, n) => n + 1);
                        }

                        recipients.Clear();
                        Interlocked.Increment(ref _count);
                        await ReplyAsync(writer, "250 accepted\r\n");
                        break;
                    case "QUIT":
                        await ReplyAsync(writer, "221 bye\r\n");
                        return;
                    default:
                        await ReplyAsync(writer, "502 not implemented\r\n");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away, or the sink is stopping.
        }
    }

    private static string Address(string line)
    {
        var (open, close) = (line.IndexOf('<', StringComparison.Ordinal), line.IndexOf('>', StringComparison.Ordinal));
        return open >= 0 && close > open ? line[(open + 1)..close] : line[8..].Trim();
    }

    private static async Task ReplyAsync(PipeWriter writer, string reply, bool flush = true)
    {
        Encoding.ASCII.GetBytes(reply, writer);
        if (flush)
        {
            await writer.FlushAsync();
        }
    }

    /// <summary>The next command line, and whether more input is already there (pipelined commands).</summary>
    private async Task<(string? Line, bool More)> ReadLineAsync(PipeReader reader)
    {
        while (true)
        {
            var result = await reader.ReadAsync(_stopping.Token);
            var buffer = result.Buffer;
            if (buffer.PositionOf((byte)'\n') is { } end)
            {
                var line = Encoding.ASCII.GetString(buffer.Slice(0, end)).TrimEnd('\r');
                var next = buffer.GetPosition(1, end);
                var more = !buffer.Slice(next).IsEmpty;
                reader.AdvanceTo(next);
                return (line, more);
            }

            if (result.IsCompleted)
            {
                return (null, false);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Reads the message up to its terminating line (a lone dot); false when the client left before it.</summary>
    private async Task<bool> SkipDataAsync(PipeReader reader)
    {
        // The terminator is CRLF . CRLF; the message's own first line cannot start with it (the client stuffs dots).
        var atStart = true;
        while (true)
        {
            var result = await reader.ReadAsync(_stopping.Token);
            var buffer = result.Buffer;
            if (atStart && buffer.Length >= 3 && buffer.Slice(0, 3).ToArray().AsSpan().SequenceEqual(".\r\n"u8))
            {
                reader.AdvanceTo(buffer.GetPosition(3));
                return true;
            }

            var sequence = new SequenceReader<byte>(buffer);
            if (sequence.TryReadTo(out ReadOnlySequence<byte> _, EndOfData, advancePastDelimiter: true))
            {
                reader.AdvanceTo(sequence.Position);
                return true;
            }

            if (result.IsCompleted)
            {
                return false;
            }

            atStart = false;
            // Keep the last bytes: the terminator may straddle two reads.
            var keep = Math.Min(buffer.Length, EndOfData.Length - 1);
            reader.AdvanceTo(buffer.GetPosition(buffer.Length - keep), buffer.End);
        }
    }
}
