using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Platform.DirectorySync.Recipients.Callout;

namespace Platform.DirectorySync.Tests.Recipients.Callout;

/// <summary>
/// A loopback forwarder to the real SMTP sink that counts the connections made through it and the most open at once.
/// <paramref name="holdFor"/> delays each connection's greeting, so that dialogs last long enough to overlap.
/// </summary>
internal sealed class CountingProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CalloutServer _target;
    private readonly TimeSpan _holdFor;
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private int _connections;
    private int _peakOpen;

    public CountingProxy(CalloutServer target, TimeSpan holdFor = default)
    {
        _target = target;
        _holdFor = holdFor;
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public CalloutServer Server => new("127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port);

    public int Connections => Volatile.Read(ref _connections);

    public int PeakOpen => Volatile.Read(ref _peakOpen);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            // A client that hung up has already sent its FIN when it connects again (loopback delivers in order), even if
            // the forwarding task has not noticed yet: count those as closed, so the peak is what the client had open.
            var open = _open.Keys.Count(s => !HungUp(s)) + 1;
            _open[client] = 0;
            InterlockedMax(ref _peakOpen, open);
            _ = Task.Run(() => ForwardAsync(client));
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        try
        {
            await Task.Delay(_holdFor, _stop.Token);
            using var upstream = new TcpClient();
            await upstream.ConnectAsync(_target.Host, _target.Port, _stop.Token);
            await using var downstream = new NetworkStream(client, ownsSocket: false);
            await Task.WhenAny(
                downstream.CopyToAsync(upstream.GetStream(), _stop.Token),
                upstream.GetStream().CopyToAsync(downstream, _stop.Token));
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // The proxy stopped or a side hung up.
        }
        finally
        {
            _open.TryRemove(client, out _);
            client.Dispose();
        }
    }

    private static bool HungUp(Socket socket)
    {
        try
        {
            return socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }
}
