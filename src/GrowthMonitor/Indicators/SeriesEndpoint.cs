using System.Globalization;
using System.Text.RegularExpressions;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Downloads;
using GrowthMonitor.Http;
using GrowthMonitor.Presentation;
using GrowthMonitor.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Indicators;

public sealed record SeriesPoint(string Area, Period Period, double Value);

public sealed record SeriesResponse(string Indicator, string Title, string? Unit, IReadOnlyList<SeriesPoint> Points)
{
    /// <summary>Where the figures come from (<see cref="SourceCredit"/>).</summary>
    public string Source { get; init; } = SourceCredit.StatBank;

    /// <summary>Which figures these are: <c>latest</c> (each period's newest), <c>first</c> (first published), or <c>as-of</c> <see cref="AsOf"/>.</summary>
    public string Vintage { get; init; } = "latest";

    public DateTimeOffset? AsOf { get; init; }
}

public static partial class SeriesEndpoint
{
    public static RouteHandlerBuilder MapSeries(this RouteGroupBuilder indicators) =>
        indicators.MapGet("/{id}/series", GetSeries)
            .WithSummary("An indicator's stored figures by area and period, as JSON, CSV or XLSX (?format=json|csv|xlsx or the Accept header). "
                + "The CSV opens in columns in Danish Excel and is the upload's format (area;period;value); ?dialect=rfc4180 gives a comma/point CSV for programs.")
            .OffersFormats(Formats)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    public static readonly IReadOnlyList<ResponseFormat> Formats = [ResponseFormat.Json, ResponseFormat.Csv, ResponseFormat.Xlsx];

    /// <param name="area">A Statistics Denmark area code such as 615; all areas when left out.</param>
    /// <param name="from">First period, e.g. 2015, 2015K1 or 2015M01.</param>
    /// <param name="to">Last period, inclusive.</param>
    /// <param name="format">json, csv or xlsx; wins over the Accept header.</param>
    /// <param name="dialect">The CSV's dialect: danish (the default: `;`-separated, decimal comma, UTF-8 with BOM, as Danish Excel opens it and as PUT /api/indicators/{id}/values reads it, so a manual indicator's file can be corrected and uploaded again) or rfc4180 (comma-separated, decimal point, for programs).</param>
    /// <param name="asOf">A moment (ISO 8601, e.g. 2026-03-01T00:00:00Z): the figures as they were known then.</param>
    /// <param name="vintage">latest (default) or first: each period's first published figure.</param>
    public static async Task<Results<Ok<SeriesResponse>, FileContentHttpResult, ProblemHttpResult>> GetSeries(
        string id, string? area, string? from, string? to, string? format, string? dialect, string? asOf, string? vintage, HttpRequest request, GrowthCatalog catalog,
        SeriesStore series, IngestRuns runs, IOptions<ApiOptions> api, SourceCredit credit, CancellationToken cancellationToken)
    {
        if (catalog.FindIndicator(id) is not { } indicator)
        {
            return Problems.NotFound("indicator", id);
        }

        if (area is not null && !IsAreaCode(area))
        {
            return InvalidArea();
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

        if (CsvDialect.Choose(dialect) is not { } csvDialect)
        {
            return CsvDialect.Unsupported();
        }

        if (Vintages.Choose(asOf, vintage) is not { } choice)
        {
            return Vintages.Invalid();
        }

        IReadOnlyCollection<string>? areas = area is null ? null : [area];
        var stored = await series.CountAsync(indicator.Id, areas, start, end, cancellationToken);
        if (stored > api.Value.MaxSeriesPoints)
        {
            return Problems.BadRequest("Too many figures", string.Create(CultureInfo.InvariantCulture,
                $"The request covers {stored:N0} stored figures; at most {api.Value.MaxSeriesPoints:N0} are answered at once. Ask for one area or a shorter span with from and to."));
        }

        var data = await series.ReadAsync(indicator.Id, areas, start, end, choice, cancellationToken);
        var points = data.Areas
            .OrderBy(a => a.Key, StringComparer.Ordinal)
            .SelectMany(a => a.Value.Observations.Select(o => new SeriesPoint(a.Key, o.Period, o.Value)))
            .ToList();
        var response = new SeriesResponse(indicator.Id, indicator.Title, indicator.Unit, points)
        {
            Vintage = Vintages.Name(choice),
            AsOf = choice.Moment,
            Source = credit.Of([indicator.SourceName]),
        };
        var fileName = $"{indicator.Id}-series";
        return chosen.Name switch
        {
            "csv" => ResponseFormats.CsvFile(Csv(points, csvDialect), fileName),
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

        // InfluxDB stores times from 1677 to 2262; a period outside is a wrong question, not an outage.
        if (code.Length <= 7 && Period.TryParse(code, out var parsed) && parsed.Year is > 1677 and < 2262)
        {
            period = parsed;
            return true;
        }

        return false;
    }

    /// <summary>The upload's columns (area, period, value), every digit of each figure: a downloaded file uploads unchanged.</summary>
    private static byte[] Csv(IEnumerable<SeriesPoint> points, CsvDialect dialect) => Downloads.Csv.Write(
        dialect,
        ["area", "period", "value"],
        points.Select(p => (IEnumerable<CsvCell>)[CsvCell.Of(p.Area), CsvCell.Of(p.Period.ToString()), CsvCell.Of(p.Value)]));

    /// <summary>A Statistics Denmark area code as the endpoints that take <c>area</c> accept it.</summary>
    internal static bool IsAreaCode(string area) => AreaCode().IsMatch(area);

    internal static ProblemHttpResult InvalidArea() =>
        Problems.BadRequest("Invalid area", "area must be a Statistics Denmark area code of one to three digits, e.g. 615.");

    [GeneratedRegex("^[0-9]{1,3}$")]
    private static partial Regex AreaCode();
}
