using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GrowthMonitor.StatBank.Tests.TestSupport;

/// <summary>
/// A loopback HTTP/1.1 server that answers each connection with the next scripted raw response and then closes
/// it: for faults WireMock cannot produce, such as a body that stops short of its Content-Length.
/// </summary>
internal sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Queue<byte[]> responses;
    private readonly Task serving;
    private int requestCount;

    public RawHttpServer(params string[] responses)
    {
        this.responses = new(responses.Select(Encoding.UTF8.GetBytes));
        listener.Start();
        serving = ServeAsync();
    }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/v1/");

    public int RequestCount => Volatile.Read(ref requestCount);

    /// <summary>A response whose headers promise the whole body but which stops after half of it.</summary>
    public static string CutOff(string contentType, string body) =>
        $"HTTP/1.1 200 OK\r\nContent-Type: {contentType}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body[..(body.Length / 2)]}";

    public static string Complete(string contentType, string body) =>
        $"HTTP/1.1 200 OK\r\nContent-Type: {contentType}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await serving.ContinueWith(_ => { }, TaskScheduler.Default);
        stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            using var connection = await listener.AcceptTcpClientAsync(stop.Token);
            var stream = connection.GetStream();
            await SkipRequestAsync(stream);
            Interlocked.Increment(ref requestCount);
            await stream.WriteAsync(responses.Dequeue(), stop.Token);
        }
    }

    private async Task SkipRequestAsync(NetworkStream stream)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        int headerEnd;
        while ((headerEnd = IndexOfBlankLine(received)) < 0)
        {
            received.AddRange(buffer.AsSpan(0, await stream.ReadAsync(buffer, stop.Token)));
        }

        var headers = Encoding.ASCII.GetString([.. received.Take(headerEnd)]);
        var length = headers.Split("\r\n")
            .Where(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(line => int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        for (var bodyRead = received.Count - headerEnd - 4; bodyRead < length;)
        {
            bodyRead += await stream.ReadAsync(buffer, stop.Token);
        }
    }

    private static int IndexOfBlankLine(List<byte> bytes) =>
        bytes.Count < 4 ? -1 : Encoding.ASCII.GetString([.. bytes]).IndexOf("\r\n\r\n", StringComparison.Ordinal);
}
