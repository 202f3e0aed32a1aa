using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Platform.Outbox.Tests.Outbox;

/// <summary>
/// A loopback port that accepts connections and never answers. In place of RabbitMQ it is both sides of a bus stuck
/// on a healthy broker: the relay's publishes fail, while the broker's port is reachable.
/// </summary>
internal sealed class SilentPort : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<TcpClient> _connections = [];

    private SilentPort(TcpListener listener)
    {
        _listener = listener;
        _ = Task.Run(AcceptAsync);
    }

    /// <summary>Listens on <paramref name="port"/>, e.g. the port of a <see cref="Platform.Testing.TcpProxy"/> just cut.</summary>
    public static SilentPort Start(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        return new SilentPort(listener);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        foreach (var connection in _connections)
        {
            connection.Close();
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                _connections.Add(await _listener.AcceptTcpClientAsync(_stop.Token));
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }
}
