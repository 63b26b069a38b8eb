using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Downloads;
using GrowthMonitor.Ingestion;
using GrowthMonitor.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrowthMonitor.Indicators;

public sealed record SeriesPoint(string Area, Period Period, double Value);

public sealed record SeriesResponse(string Indicator, string Title, string? Unit, IReadOnlyList<SeriesPoint> Points)
{
    public string Source => "Kilde: Danmarks Statistik";
}

public static partial class SeriesEndpoint
{
    public static RouteHandlerBuilder MapSeries(this RouteGroupBuilder indicators) =>
        indicators.MapGet("/{id}/series", GetSeries)
            .WithSummary("An indicator's stored figures by area and period, as JSON, CSV or XLSX (?format=json|csv|xlsx or the Accept header).")
            .OffersFormats(Formats)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    public static readonly IReadOnlyList<ResponseFormat> Formats = [ResponseFormat.Json, ResponseFormat.Csv, ResponseFormat.Xlsx];

    /// <param name="area">A Statistics Denmark area code such as 615; all areas when left out.</param>
    /// <param name="from">First period, e.g. 2015, 2015K1 or 2015M01.</param>
    /// <param name="to">Last period, inclusive.</param>
    /// <param name="format">json, csv or xlsx; wins over the Accept header.</param>
    public static async Task<Results<Ok<SeriesResponse>, FileContentHttpResult, ProblemHttpResult>> GetSeries(
        string id, string? area, string? from, string? to, string? format, HttpRequest request, GrowthCatalog catalog, SeriesStore series, IngestRuns runs,
        CancellationToken cancellationToken)
    {
        if (catalog.FindIndicator(id) is not { } indicator)
        {
            return Problems.NotFound("indicator", id);
        }

        if (area is not null && !AreaCode().IsMatch(area))
        {
            return Problems.BadRequest("Invalid area", "area must be a Statistics Denmark area code of one to three digits, e.g. 615.");
        }

        if (!TryParsePeriod(from, out var start) || !TryParsePeriod(to, out var end))
        {
            return Problems.BadRequest("Invalid period", "from and to must be period codes such as 2015, 2015K1, 2015H1 or 2015M01.");
        }

        if (start is { } s && end is { } e && s.Start > e.Start)
        {
            return Problems.BadRequest("Invalid period", "from must not be after to.");
        }

        if (ResponseFormats.Negotiate(format, request, Formats) is not { } chosen)
        {
            return ResponseFormats.Unsupported(Formats);
        }

        var data = await series.ReadAsync(indicator.Id, area is null ? null : [area], start, end, cancellationToken);
        var points = data.Areas
            .OrderBy(a => a.Key, StringComparer.Ordinal)
            .SelectMany(a => a.Value.Observations.Select(o => new SeriesPoint(a.Key, o.Period, o.Value)))
            .ToList();
        var response = new SeriesResponse(indicator.Id, indicator.Title, indicator.Unit, points);
        var fileName = $"{indicator.Id}-series";
        return chosen.Name switch
        {
            "csv" => ResponseFormats.CsvFile(Csv(points), fileName),
            "xlsx" => ResponseFormats.XlsxFile(SeriesXlsx.Write(response, await SourceTable.OfAsync(indicator, runs, cancellationToken)), fileName),
            _ => TypedResults.Ok(response),
        };
    }

    private static bool TryParsePeriod(string? code, out Period? period)
    {
        period = null;
        if (code is null)
        {
            return true;
        }

        if (code.Length <= 7 && Period.TryParse(code, out var parsed))
        {
            period = parsed;
            return true;
        }

        return false;
    }

    private static string Csv(IEnumerable<SeriesPoint> points)
    {
        var csv = new StringBuilder("area,period,value\r\n");
        foreach (var point in points)
        {
            csv.Append(point.Area).Append(',').Append(point.Period).Append(',').Append(point.Value.ToString("R", CultureInfo.InvariantCulture)).Append("\r\n");
        }

        return csv.ToString();
    }

    [GeneratedRegex("^[0-9]{1,3}$")]
    private static partial Regex AreaCode();
}
