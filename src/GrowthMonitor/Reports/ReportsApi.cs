using System.Globalization;
using GrowthMonitor.Access;
using GrowthMonitor.Catalog;
using GrowthMonitor.Downloads;
using GrowthMonitor.Http;
using GrowthMonitor.Presentation;
using GrowthMonitor.Targets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrowthMonitor.Reports;

public static class ReportsApi
{
    public static RouteHandlerBuilder MapReportsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/alliances/{id}/reports/{year}", GetAnnualReport)
            .FromStoredAssessments()
            .WithTags("Reports")
            .WithSummary("The annual report as JSON, CSV, XLSX or a printable HTML page (?format=json|csv|xlsx|html or the Accept header); ?focusArea= gives a collaboration group's follow-up report. "
                + "The CSV opens in columns in Danish Excel; ?dialect=rfc4180 gives a comma/point CSV for programs.")
            .OffersFormats(Formats)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    public static readonly IReadOnlyList<ResponseFormat> Formats = [ResponseFormat.Json, ResponseFormat.Csv, ResponseFormat.Xlsx, ResponseFormat.Html];

    /// <summary>
    /// The report's address from the service's root, as pages and messages link it: e.g.
    /// <c>/api/alliances/hedensted/reports/2025?format=html&amp;focusArea=Det%20gode%20erhvervsliv</c>.
    /// </summary>
    public static string PathOf(string alliance, int year, ResponseFormat format, string? focusArea = null, DateTimeOffset? asOf = null) =>
        $"/api/alliances/{Uri.EscapeDataString(alliance)}/reports/{year.ToString(CultureInfo.InvariantCulture)}?format={format.Name}" +
        (focusArea is null ? "" : "&focusArea=" + Uri.EscapeDataString(focusArea)) +
        (asOf is { } moment ? "&asOf=" + Uri.EscapeDataString(moment.ToString("O", CultureInfo.InvariantCulture)) : "");

    /// <param name="year">The report's year, e.g. 2025: only figures up to that year count.</param>
    /// <param name="format">json, csv, xlsx or html; wins over the Accept header.</param>
    /// <param name="dialect">The CSV's dialect: danish (the default: `;`-separated, decimal comma, UTF-8 with BOM, as Danish Excel opens it) or rfc4180 (comma-separated, decimal point, for programs).</param>
    /// <param name="asOf">A moment (ISO 8601): the report as it would have been produced then, with the revisions since.</param>
    /// <param name="focusArea">A focus area or collaboration group of the alliance: its follow-up report, with only its targets.</param>
    public static async Task<Results<Ok<AnnualReport>, ContentHttpResult, FileContentHttpResult, ProblemHttpResult>> GetAnnualReport(
        string id, string year, string? format, string? dialect, string? asOf, string? focusArea, HttpRequest request, GrowthCatalog catalog, AnnualReportBuilder builder,
        AssessmentSnapshot assessments, PageFrames frames, TimeProvider time, CancellationToken cancellationToken)
    {
        if (catalog.FindAlliance(id) is not { } alliance)
        {
            return Problems.NotFound("alliance", id);
        }

        if (focusArea is not null && !catalog.FocusAreasOf(alliance).Contains(focusArea))
        {
            return Problems.NotFound("focus area", focusArea);
        }

        var lastYear = time.GetUtcNow().Year;
        if (year.Length != 4 || !int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var reportYear) || reportYear < TargetsApi.FirstYear || reportYear > lastYear)
        {
            return Problems.BadRequest("Invalid year", $"The year must be a four-digit year from {TargetsApi.FirstYear} to {lastYear}.",
                $"Året skal være et firecifret årstal fra {TargetsApi.FirstYear} til {lastYear}.");
        }

        if (ResponseFormats.Negotiate(format, request, Formats) is not { } chosen)
        {
            return ResponseFormats.Unsupported(Formats);
        }

        if (CsvDialect.Choose(dialect) is not { } csvDialect)
        {
            return CsvDialect.Unsupported();
        }

        if (Vintages.Choose(asOf, vintage: null) is not { } choice)
        {
            return Vintages.Invalid();
        }

        // Reproducing a report judges every year up to asOf: a moment to come is no question (and year 9999 broke the calendar).
        if (choice.Moment > time.GetUtcNow())
        {
            return Problems.BadRequest("Invalid vintage", "asOf must not be in the future: the report is reproduced as it was produced then.");
        }

        var report = choice.Moment is { } moment
            ? await builder.BuildAsOfAsync(alliance, reportYear, focusArea, moment, assessments, cancellationToken)
            : await builder.BuildAsync(alliance, reportYear, focusArea, assessments, cancellationToken);
        // A focus area's name is free text; its place in the alliance's list makes a safe file name.
        var fileName = focusArea is null ? $"{alliance.Id}-{reportYear}" : $"{alliance.Id}-{reportYear}-{catalog.FocusAreasOf(alliance).ToList().IndexOf(focusArea) + 1}";
        return chosen.Name switch
        {
            "csv" => ResponseFormats.CsvFile(AnnualReportCsv.Write(report, csvDialect), fileName),
            "xlsx" => ResponseFormats.XlsxFile(AnnualReportXlsx.Write(report), fileName),
            // Served to a browser, the report has the frame of every page: the signed-in person's links, the accessibility statement.
            "html" => TypedResults.Content(await AnnualReportHtml.RenderAsync(report, frames.For(request.HttpContext)), ComponentHtml.ContentType),
            _ => TypedResults.Ok(report),
        };
    }
}
