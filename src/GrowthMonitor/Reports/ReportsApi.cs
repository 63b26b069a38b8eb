using System.Globalization;
using GrowthMonitor.Catalog;
using GrowthMonitor.Targets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrowthMonitor.Reports;

public static class ReportsApi
{

    /// <summary>Years a report can be asked for; Statistics Denmark's municipal series start in the 2000s.</summary>
    public const int FirstYear = 1990;

    public static RouteHandlerBuilder MapReportsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/alliances/{id}/reports/{year}", GetAnnualReport)
            .FromStoredAssessments()
            .WithTags("Reports")
            .WithSummary("The annual report as JSON, CSV or a printable HTML page (Accept header or ?format=json|csv|html).")
            .Produces<AnnualReport>(contentType: "application/json")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces(StatusCodes.Status200OK, contentType: "text/html");

    public static async Task<Results<Ok<AnnualReport>, ContentHttpResult, ProblemHttpResult>> GetAnnualReport(
        string id, string year, string? format, HttpRequest request, GrowthCatalog catalog, AnnualReportBuilder builder, AssessmentSnapshot assessments, TimeProvider time, CancellationToken cancellationToken)
    {
        if (catalog.FindAlliance(id) is not { } alliance)
        {
            return Problems.NotFound("alliance", id);
        }

        var lastYear = time.GetUtcNow().Year;
        if (year.Length != 4 || !int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var reportYear) || reportYear < FirstYear || reportYear > lastYear)
        {
            return Problems.BadRequest("Invalid year", $"The year must be a four-digit year from {FirstYear} to {lastYear}.");
        }

        if (Negotiate(format, request) is not { } chosen)
        {
            return Problems.BadRequest("Invalid format", "format must be json, csv or html.");
        }

        var report = await builder.BuildAsync(alliance, reportYear, assessments, cancellationToken);
        return chosen switch
        {
            "csv" => TypedResults.Text(AnnualReportCsv.Write(report), "text/csv; charset=utf-8"),
            "html" => TypedResults.Text(AnnualReportHtml.Render(report), "text/html; charset=utf-8"),
            _ => TypedResults.Ok(report),
        };
    }

    /// <summary>?format= wins; otherwise the first of HTML or CSV the Accept header names; JSON by default.</summary>
    private static string? Negotiate(string? format, HttpRequest request)
    {
        if (format is not null)
        {
            return format.ToLowerInvariant() is "json" or "csv" or "html" ? format.ToLowerInvariant() : null;
        }

        var accepted = request.GetTypedHeaders().Accept.OrderByDescending(a => a.Quality ?? 1).Select(a => a.MediaType.Value);
        return accepted.FirstOrDefault(m => m is "text/html" or "text/csv" or "application/json") switch
        {
            "text/html" => "html",
            "text/csv" => "csv",
            _ => "json",
        };
    }
}
