using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Platform.Testing;

/// <summary>
/// A loopback TCP forwarder to a real server that a test can cut (every connection closed, new ones refused) and
/// restore on the same port: an outage of RabbitMQ or PostgreSQL for one test, while other tests keep using them.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<TcpClient, byte> _connections = new();
    private TcpListener? _listener;
    private CancellationTokenSource _accepting = new();
    private int _accepted;

    private TcpProxy(string targetHost, int targetPort, int port)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Connections accepted so far: how often a client reached the server through this proxy.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    public static TcpProxy Start(string targetHost, int targetPort)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var proxy = new TcpProxy(targetHost, targetPort, ((IPEndPoint)listener.LocalEndpoint).Port);
        proxy.Listen(listener);
        return proxy;
    }

    /// <summary>Closes every open connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _accepting.Cancel();
        _listener?.Stop();
        _listener = null;
        foreach (var connection in _connections.Keys)
        {
            connection.Close();
        }

        _connections.Clear();
    }

    public void Restore()
    {
        if (_listener is not null)
        {
            return;
        }

        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        Listen(listener);
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        _accepting.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Listen(TcpListener listener)
    {
        _listener = listener;
        _accepting = new CancellationTokenSource();
        var token = _accepting.Token;
        _ = Task.Run(async () =>
        {
            while (!token.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync(token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }

                Interlocked.Increment(ref _accepted);
                _ = Task.Run(() => ForwardAsync(client, token), CancellationToken.None);
            }
        }, CancellationToken.None);
    }

    private async Task ForwardAsync(TcpClient client, CancellationToken token)
    {
        using var upstream = new TcpClient();
        _connections[client] = 0;
        _connections[upstream] = 0;
        try
        {
            await upstream.ConnectAsync(_targetHost, _targetPort, token);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(token);
            var down = client.GetStream().CopyToAsync(upstream.GetStream(), linked.Token);
            var up = upstream.GetStream().CopyToAsync(client.GetStream(), linked.Token);
            await Task.WhenAny(down, up);
            await linked.CancelAsync();
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // The proxy was cut or a side closed: both sides are closed below.
        }
        finally
        {
            _connections.TryRemove(client, out _);
            _connections.TryRemove(upstream, out _);
            client.Close();
        }
    }
}
