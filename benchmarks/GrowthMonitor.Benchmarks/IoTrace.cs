using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GrowthMonitor.Benchmarks;

/// <summary>One call to a store: which, what (the statement, or the InfluxDB request), when it started (Unix ms) and how long it took.</summary>
public sealed record IoCall(string Store, string What, double Start, double Milliseconds)
{
    public const string Influx = "InfluxDB";
    public const string Postgres = "PostgreSQL";

    public double End => Start + Milliseconds;
}

/// <summary>
/// Records, inside a process, every request to InfluxDB (HttpClient's diagnostic events, with the InfluxQL statement
/// of a query) and every PostgreSQL command (Npgsql's activities, with the SQL), and writes them as JSON lines to the
/// file named by <see cref="Variable"/> when the process exits. Started by <see cref="StartupHook"/> in a process the
/// benchmark runs; costs one small record per call.
/// </summary>
public static partial class IoTrace
{
    public const string Variable = "GROWTHMONITOR_IO_TRACE";

    private static readonly ConcurrentQueue<IoCall> Calls = new();

    /// <summary>The environment that makes a child .NET process trace itself into <paramref name="file"/>.</summary>
    public static IReadOnlyDictionary<string, string> Environment(string file) => new Dictionary<string, string>
    {
        ["DOTNET_STARTUP_HOOKS"] = typeof(IoTrace).Assembly.Location,
        [Variable] = file,
    };

    public static IReadOnlyList<IoCall> Read(string file) =>
        [.. File.ReadLines(file).Select(line => JsonSerializer.Deserialize<IoCall>(line) ?? throw new BenchmarkException($"A bad line in {file}: {line}"))];

    internal static void Start()
    {
        if (System.Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } file)
        {
            return;
        }

        ActivitySource.AddActivityListener(new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => Calls.Enqueue(new IoCall(IoCall.Postgres, Statement(activity), UnixMilliseconds(activity.StartTimeUtc), activity.Duration.TotalMilliseconds)),
        });
        DiagnosticListener.AllListeners.Subscribe(new HttpRequests());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.WriteAllLines(file, Calls.OrderBy(c => c.Start).Select(c => JsonSerializer.Serialize(c)));
    }

    private static string Statement(Activity activity) =>
        WhiteSpace().Replace(activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string ?? activity.DisplayName, " ").Trim();

    private static double UnixMilliseconds(DateTime utc) => (utc - DateTime.UnixEpoch).TotalMilliseconds;

    /// <summary>A query's InfluxQL (the <c>q</c> field of its form), or the write and its size.</summary>
    private static string Describe(HttpRequestMessage request)
    {
        var path = request.RequestUri?.AbsolutePath ?? "";
        if (request.Content is FormUrlEncodedContent form)
        {
            // Buffered content: it can be read again after it was sent.
            var fields = form.ReadAsStringAsync().GetAwaiter().GetResult().Split('&')
                .Select(field => field.Split('=', 2))
                .ToDictionary(pair => pair[0], pair => WebUtility.UrlDecode(pair.ElementAtOrDefault(1) ?? ""), StringComparer.Ordinal);
            return fields.TryGetValue("q", out var query) ? query : path;
        }

        return request.Content?.Headers.ContentLength is { } length ? $"{path} {length} bytes" : path;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    /// <summary>HttpClient's <c>HttpRequestOut.Stop</c> event carries the request, and its activity the times.</summary>
    private sealed class HttpRequests : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == "HttpHandlerDiagnosticListener")
            {
                listener.Subscribe(this);
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == "System.Net.Http.HttpRequestOut.Stop"
                && value.Value?.GetType().GetProperty("Request")?.GetValue(value.Value) is HttpRequestMessage request
                && Activity.Current is { } activity)
            {
                Calls.Enqueue(new IoCall(IoCall.Influx, Describe(request), UnixMilliseconds(activity.StartTimeUtc), activity.Duration.TotalMilliseconds));
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
