using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Platform.DirectorySync.Recipients.Callout;

namespace Platform.DirectorySync.Tests.Recipients.Callout;

/// <summary>
/// A loopback server that plays fixed replies — for what the real sink never does (refuse EHLO, garble a reply, say
/// nothing at all). It writes the first reply on connect, then one per line received, and records those lines.
/// With no replies it accepts and stays silent.
/// </summary>
internal sealed class ScriptedSmtpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string[] _replies;
    private readonly ConcurrentQueue<TcpClient> _clients = new();
    private int _connections;

    public ScriptedSmtpServer(params string[] replies)
    {
        _replies = replies;
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public CalloutServer Server => new("127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port);

    public ConcurrentQueue<string> Received { get; } = new();

    public int Connections => Volatile.Read(ref _connections);

    public void Dispose()
    {
        _listener.Stop();
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            _clients.Enqueue(client);
            _ = Task.Run(() => PlayAsync(client));
        }
    }

    private async Task PlayAsync(TcpClient client)
    {
        try
        {
            // The connection stays open until the server is disposed: a silent server must not hang up.
            var stream = client.GetStream();
            var reader = new StreamReader(stream, Encoding.ASCII);
            foreach (var reply in _replies)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n"));
                if (await reader.ReadLineAsync() is not { } line)
                {
                    return;
                }

                Received.Enqueue(line);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The client hung up.
        }
    }
}
