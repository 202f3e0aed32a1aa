using System.Net;
using System.Net.Sockets;

namespace Platform.DirectorySync.Tests.Testing;

/// <summary>
/// A server of the test's own on a free loopback port, standing for one a hostile admin runs: it accepts every
/// connection, keeps what the client sends for a moment, and hangs up without answering.
/// </summary>
internal sealed class CapturingServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly MemoryStream _received = new();
    private readonly Task _accepting;
    private int _connections;

    public CapturingServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Everything received so far, as Latin-1 text (an LDAP simple bind carries its password as is).</summary>
    public string Received
    {
        get
        {
            lock (_received)
            {
                return System.Text.Encoding.Latin1.GetString(_received.ToArray());
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            _ = CaptureAsync(client);
        }
    }

    private async Task CaptureAsync(TcpClient client)
    {
        using (client)
        {
            using var window = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            window.CancelAfter(TimeSpan.FromSeconds(1));
            var buffer = new byte[4096];
            try
            {
                var stream = client.GetStream();
                int read;
                while ((read = await stream.ReadAsync(buffer, window.Token)) > 0)
                {
                    lock (_received)
                    {
                        _received.Write(buffer, 0, read);
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
            {
                // The window closed or the client hung up: what arrived is kept.
            }
        }
    }
}
