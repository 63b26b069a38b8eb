using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using System.Text.Json;
using GrowthMonitor.StatBank;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace GrowthMonitor.Benchmarks;

/// <summary>
/// Statistics Denmark on loopback, serving one <see cref="BenchTable"/> in the real wire format: <c>/v1/tableinfo</c>
/// as <c>text/json</c>, <c>/v1/data</c> as a BULK body (UTF-8 with BOM, CRLF, <c>;</c>, value column INDHOLD, decimal
/// comma). The body is generated row by row while it is sent, so the server holds one write buffer, never the body:
/// it shares the two cores with the service and InfluxDB and must cost as little as a real network peer.
/// </summary>
public sealed class StatBankServer(WebApplication app, Uri baseUrl) : IAsyncDisposable
{
    /// <summary>The base URL the service is configured with, ending in <c>/v1/</c>.</summary>
    public Uri BaseUrl { get; } = baseUrl;

    public static async Task<StatBankServer> StartAsync(BenchTable table)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var endpoints = new Endpoints(table);
        app.MapGet("/v1/tableinfo", endpoints.TableInfoAsync);
        app.MapPost("/v1/data", endpoints.DataAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new StatBankServer(app, new Uri($"{address}/v1/"));
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private sealed class Endpoints
    {
        private const string TextJson = "text/json; charset=utf-8";
        private const int FlushBytes = 64 * 1024;
        private const int MaxRowBytes = 64;

        private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
        private static readonly DateTimeOffset Updated = new(2025, 3, 25, 8, 0, 0, TimeSpan.FromHours(1));

        private readonly BenchTable table;
        private readonly byte[] tableInfo;
        private readonly byte[] header = Encoding.UTF8.GetBytes($"\uFEFF{BenchTable.AreaVariable};{BenchTable.PinnedVariable};{BenchTable.TimeVariable.ToUpperInvariant()};INDHOLD\r\n");
        private readonly byte[][] areaCells;
        private readonly byte[][] periodCells;
        private readonly IReadOnlyList<string> periods;

        public Endpoints(BenchTable table)
        {
            this.table = table;
            periods = [.. Enumerable.Range(0, table.Months).Select(BenchTable.Period)];
            var areas = Enumerable.Range(0, BenchTable.AreaCount).Select(BenchTable.Area).ToList();
            // Each row is "<area>;ANTAL;<period>;<figure>\r\n": the code cells are encoded once, not per row.
            areaCells = [.. areas.Select(area => Encoding.UTF8.GetBytes($"{area};{BenchTable.PinnedValue};"))];
            periodCells = [.. periods.Select(period => Encoding.UTF8.GetBytes($"{period};"))];
            tableInfo = JsonSerializer.SerializeToUtf8Bytes(
                new TableInfo(BenchTable.Id, "Benchmark", "Syntetisk tabel til benchmark", "antal", "0", Updated, true, [], null, null,
                [
                    Variable(BenchTable.AreaVariable, areas, time: false),
                    Variable(BenchTable.PinnedVariable, [BenchTable.PinnedValue], time: false),
                    Variable(BenchTable.TimeVariable, periods, time: true),
                ]),
                Json);
        }

        public async Task TableInfoAsync(HttpContext context)
        {
            if (!string.Equals(context.Request.Query["id"], BenchTable.Id, StringComparison.OrdinalIgnoreCase))
            {
                await ErrorAsync(context, "EXTRACT-NOTFOUND", $"Tabel findes ikke: {context.Request.Query["id"]}");
                return;
            }

            context.Response.ContentType = TextJson;
            await context.Response.Body.WriteAsync(tableInfo, context.RequestAborted);
        }

        public async Task DataAsync(HttpContext context)
        {
            var request = await JsonSerializer.DeserializeAsync<DataRequest>(context.Request.Body, Json, context.RequestAborted);
            if (!IsTheWholeTable(request))
            {
                await ErrorAsync(context, "REQUEST-INVALID", $"The benchmark serves table {BenchTable.Id} as BULK with {BenchTable.AreaVariable}=*, {BenchTable.PinnedVariable}={BenchTable.PinnedValue} and all {periods.Count} periods; the request asked for {JsonSerializer.Serialize(request, Json)}.");
                return;
            }

            context.Response.ContentType = "text/csv; charset=utf-8";
            var body = context.Response.BodyWriter;
            body.Write(header);
            var pending = header.Length;
            foreach (var (area, month) in table.Cells())
            {
                pending += WriteRow(body, area, month);
                if (pending >= FlushBytes)
                {
                    await body.FlushAsync(context.RequestAborted);
                    pending = 0;
                }
            }

            await body.FlushAsync(context.RequestAborted);
        }

        /// <summary>Any other request than the benchmark's catalog should produce is refused, so that a run never measures a different fetch.</summary>
        private bool IsTheWholeTable(DataRequest? request)
        {
            if (request is not { Table: BenchTable.Id, Format: DataFormat.Bulk, Variables.Count: 3 })
            {
                return false;
            }

            var variables = request.Variables.ToDictionary(v => v.Code, v => v.Values, StringComparer.OrdinalIgnoreCase);
            return variables.GetValueOrDefault(BenchTable.AreaVariable) is ["*"]
                && variables.GetValueOrDefault(BenchTable.PinnedVariable) is [BenchTable.PinnedValue]
                && variables.GetValueOrDefault(BenchTable.TimeVariable)?.SequenceEqual(periods) == true;
        }

        private int WriteRow(PipeWriter body, int area, int month)
        {
            var row = body.GetSpan(MaxRowBytes);
            var length = Append(row, areaCells[area], 0);
            length = Append(row, periodCells[month], length);
            var (whole, half) = BenchTable.Figure(area, month);
            Utf8Formatter.TryFormat(whole, row[length..], out var digits);
            length += digits;
            length = Append(row, half ? ",5\r\n"u8 : "\r\n"u8, length);
            body.Advance(length);
            return length;
        }

        private static int Append(Span<byte> row, ReadOnlySpan<byte> cell, int at)
        {
            cell.CopyTo(row[at..]);
            return at + cell.Length;
        }

        private static async Task ErrorAsync(HttpContext context, string errorTypeCode, string message)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = TextJson;
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { errorTypeCode, message }), context.RequestAborted);
        }

        private static TableVariable Variable(string id, IEnumerable<string> values, bool time) =>
            new(id, id.ToLowerInvariant(), Elimination: !time, Time: time, [.. values.Select(value => new TableValue(value, value))]);
    }
}
