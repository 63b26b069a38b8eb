using GrowthMonitor.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrowthMonitor.Downloads;

/// <summary>A representation an endpoint can answer with; <see cref="ResponseFormats"/> picks one per request.</summary>
public sealed record ResponseFormat(string Name, string MediaType, bool IsDownload)
{
    public static readonly ResponseFormat Json = new("json", "application/json", IsDownload: false);

    /// <summary>A table in a <see cref="CsvDialect"/>: Danish Excel's by default, RFC 4180's for programs on request.</summary>
    public static readonly ResponseFormat Csv = new("csv", "text/csv", IsDownload: true);

    public static readonly ResponseFormat Html = new("html", "text/html", IsDownload: false);

    /// <summary>The format for people: a spreadsheet with typed cells and Danish headers.</summary>
    public static readonly ResponseFormat Xlsx = new("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", IsDownload: true);
}

/// <summary>
/// Content negotiation shared by every endpoint that answers in more than one format: <c>?format=</c> wins, otherwise
/// the most preferred media type in <c>Accept</c> that the endpoint offers, otherwise the first format offered (JSON).
/// Downloads carry <c>Content-Disposition: attachment</c> with a file name.
/// </summary>
public static class ResponseFormats
{
    public static ResponseFormat? Negotiate(string? format, HttpRequest request, IReadOnlyList<ResponseFormat> offered)
    {
        if (format is not null)
        {
            return offered.FirstOrDefault(f => string.Equals(f.Name, format, StringComparison.OrdinalIgnoreCase));
        }

        var accepted = request.GetTypedHeaders().Accept.OrderByDescending(a => a.Quality ?? 1).Select(a => a.MediaType.Value);
        return accepted.Select(m => offered.FirstOrDefault(f => string.Equals(f.MediaType, m, StringComparison.OrdinalIgnoreCase)))
            .FirstOrDefault(f => f is not null) ?? offered[0];
    }

    public static ProblemHttpResult Unsupported(IReadOnlyList<ResponseFormat> offered) => Problems.BadRequest(
        "Invalid format",
        $"format must be {string.Join(", ", offered.Take(offered.Count - 1).Select(f => f.Name))} or {offered[^1].Name}.",
        $"Formatet skal være {string.Join(", ", offered.Take(offered.Count - 1).Select(f => f.Name))} eller {offered[^1].Name}.");

    /// <summary>CSV (<see cref="Csv"/>) as an attachment named <paramref name="baseName"/>.csv.</summary>
    public static FileContentHttpResult CsvFile(byte[] csv, string baseName) =>
        TypedResults.File(csv, ResponseFormat.Csv.MediaType + "; charset=utf-8", baseName + ".csv");

    /// <summary>A workbook as an attachment named <paramref name="baseName"/>.xlsx.</summary>
    public static FileContentHttpResult XlsxFile(byte[] workbook, string baseName) =>
        TypedResults.File(workbook, ResponseFormat.Xlsx.MediaType, baseName + ".xlsx");
}
