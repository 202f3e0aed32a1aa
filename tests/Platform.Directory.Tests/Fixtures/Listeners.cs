using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Platform.Directory.Tests.Fixtures;

/// <summary>Loopback TCP endpoints that misbehave on purpose.</summary>
internal static class Listeners
{
    /// <summary>A loopback port nobody listens on (bound, then released).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>Accepts TCP connections and never says a word: a server that hangs, or a middlebox that swallows traffic.</summary>
internal sealed class SilentListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentBag<Socket> _accepted = [];
    private readonly CancellationTokenSource _stop = new();

    public SilentListener()
    {
        _listener.Start();
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    _accepted.Add(await _listener.AcceptSocketAsync(_stop.Token));
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        });
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Accepted => _accepted.Count;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        foreach (var socket in _accepted)
        {
            socket.Dispose();
        }

        _stop.Dispose();
    }
}

/// <summary>
/// Forwards connections from another loopback address (e.g. 127.0.0.2, which the server certificate does not list)
/// to the real server on 127.0.0.1. Traffic never leaves the machine.
/// </summary>
internal sealed class LoopbackForwarder : IDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();

    public LoopbackForwarder(IPAddress address, int targetPort)
    {
        _targetPort = targetPort;
        _listener = new TcpListener(address, 0);
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = Task.Run(() => ForwardAsync(client));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
                await Task.WhenAny(
                    client.GetStream().CopyToAsync(upstream.GetStream(), _stop.Token),
                    upstream.GetStream().CopyToAsync(client.GetStream(), _stop.Token));
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
                // A side closed, or the forwarder stopped.
            }
        }
    }
}
