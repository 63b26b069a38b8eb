using GrowthMonitor.Access;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Http;
using GrowthMonitor.Ingestion;
using GrowthMonitor.Presentation;
using GrowthMonitor.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace GrowthMonitor.ManualFigures;

/// <summary>
/// What an upload or a withdrawal did: the vintage it committed, the figures it changed and those it found as they were;
/// and what one figure of the indicator is (<see cref="Aggregation"/>, and in Danish words <see cref="FigureMeans"/>),
/// so that whoever entered them can see they meant the same.
/// </summary>
public sealed record ManualFiguresWritten(string Indicator, int? Vintage, int Changed, int Unchanged)
{
    public Aggregation Aggregation { get; init; }

    /// <summary>"antal i perioden", "status ved periodens slutning" or "gennemsnit for perioden".</summary>
    public string FigureMeans => Danish.FigureMeans(Aggregation);
}

public static class ManualFiguresApi
{
    public static IHostApplicationBuilder AddManualFigures(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ValueAudit>();
        builder.Services.AddSingleton<ManualFigureWriter>();
        builder.Services.AddSingleton<PendingUploads>();
        return builder;
    }

    /// <summary>Routes under <c>/api/indicators</c> for figures entered by hand.</summary>
    public static RouteGroupBuilder MapManualFigures(this RouteGroupBuilder indicators)
    {
        indicators.MapPut("/{id}/values", PutValues).WithMetadata(ApiKeyRequirement.Instance)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .Accepts<ManualUploadExample>("application/json", "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413RequestEntityTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Enters figures of a manual indicator (an operator, or a member or key whose grant covers a target on each area): JSON {\"values\": [{\"area\", \"period\", \"value\"}]} or CSV area;period;value. "
                + "The whole upload is checked first; any bad line is 400 naming it, and nothing is written.")
            .WithDescription(UploadDescription);
        indicators.MapGet("/{id}/values/audit", GetAudit).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Every change to a manual indicator's figures: area, period, old and new value, the operator key's name and when.");
        indicators.MapDelete("/{id}/values/{area}/{period}", DeleteValue).WithMetadata(ApiKeyRequirement.Instance)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Withdraws one figure of a manual indicator (an operator, or a member or key whose grant covers a target on the area); audited, and the targets on it judged again.");
        return indicators;
    }

    /// <summary>What a figure means and how to write it, for the API reference; the Danish words are those every form uses.</summary>
    public static string UploadDescription =>
        "One figure is what the indicator's `aggregation` says (`aggregation` and `figureMeans` in `GET /api/indicators` and in this answer): "
        + string.Join("; ", Enum.GetValues<Aggregation>().Select(a => $"`{Wire.Aggregation.Of(a)}`: \"{Danish.FigureMeans(a)}\" ({AggregationInEnglish(a)})"))
        + ". CSV values are written as Danes write them: a decimal comma, and a point only between groups of three digits "
        + "(`1.000` is a thousand, `1.234,5`, `41900`, `-12,5`); `1.5` or `12.34` is refused as ambiguous, never guessed. "
        + "JSON values are JSON numbers: a string such as `\"12\"` is refused. A period after the current one (the one that holds today) is refused, "
        + "and so is a value below zero unless the indicator has `\"allowNegative\": true`. A body over `RequestLimits:MaxRequestBodySize` is 413.";

    public static async Task<Results<Ok<ManualFiguresWritten>, ProblemHttpResult>> PutValues(
        string id, HttpRequest request, Actor? actor, Permissions permissions, GrowthCatalog catalog, ManualFigureWriter writer, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ManualIndicator(id, catalog) is not ({ } indicator, { } frequency))
        {
            return NotManual(id, catalog);
        }

        if (actor is null)
        {
            return Permissions.Refuse(actor, $"enter figures of {indicator.Id}");
        }

        if (UploadFormat(request) is not { } csv)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported upload",
                detail: "Send figures as application/json ({\"values\": [{\"area\": \"766\", \"period\": \"2024\", \"value\": 118}]}) or text/csv (header area;period;value).");
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        var (values, problems) = ManualUpload.Read(body.ToArray(), csv, indicator, CurrentPeriod(frequency, time));
        if (problems.Count > 0)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid figures",
                detail: $"Nothing was written. {string.Join(" ", problems.Take(20))}{(problems.Count > 20 ? $" … and {problems.Count - 20} more." : "")}",
                extensions: new Dictionary<string, object?> { ["problems"] = problems });
        }

        return await EnterAsync(indicator, values, actor, permissions, writer, cancellationToken);
    }

    /// <summary>
    /// The last period figures may be entered for: the one of the indicator's frequency that holds today in Denmark,
    /// where the figures are entered (a new period begins at Danish midnight, an hour or two before UTC's).
    /// </summary>
    public static Period CurrentPeriod(Frequency frequency, TimeProvider time) =>
        Period.Containing(frequency, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), IngestSchedule.Copenhagen).DateTime));

    /// <summary>
    /// Writes checked figures (<see cref="ManualUpload"/>) in the actor's name, as the API and the target page's form
    /// both do: refused as a whole, before anything is written or audited, when one area is outside the actor's grant;
    /// 409 while another upload of the indicator is writing.
    /// </summary>
    public static async Task<Results<Ok<ManualFiguresWritten>, ProblemHttpResult>> EnterAsync(
        IndicatorDefinition indicator, IReadOnlyList<ManualValue> values, Actor actor, Permissions permissions, ManualFigureWriter writer, CancellationToken cancellationToken)
    {
        if (!permissions.CanEnterFigures(actor, indicator, values.Select(v => v.Area)))
        {
            return Permissions.Refuse(actor, $"enter figures of {indicator.Id} for {string.Join(", ", values.Select(v => v.Area).Distinct())}");
        }

        return await WriteAsync(indicator, [.. values.Select(v => (v.Area, v.Period, (double?)v.Value))], actor, writer, cancellationToken);
    }

    public static async Task<Results<Ok<ManualFiguresWritten>, ProblemHttpResult>> DeleteValue(
        string id, string area, string period, Actor? actor, Permissions permissions, GrowthCatalog catalog, ManualFigureWriter writer, CancellationToken cancellationToken)
    {
        if (ManualIndicator(id, catalog) is not ({ } indicator, { } frequency))
        {
            return NotManual(id, catalog);
        }

        if (actor is null || !permissions.CanEnterFigures(actor, indicator, [area]))
        {
            return Permissions.Refuse(actor, $"withdraw figures of {indicator.Id} for {area}");
        }

        if (!Period.TryParse(period, out var parsed) || parsed.Frequency != frequency)
        {
            return Problems.BadRequest("Invalid period", $"The period must be a {Wire.Frequency.Of(frequency)} period code such as {Period.Create(frequency, 2024, 1)}.");
        }

        var written = await WriteAsync(indicator, [(area, parsed, null)], actor, writer, cancellationToken);
        return written.Result is Ok<ManualFiguresWritten> { Value.Changed: 0 }
            ? Problems.NotFound("figure", $"{area} {period}")
            : written;
    }

    public static async Task<Results<Ok<ValueChange[]>, ProblemHttpResult>> GetAudit(string id, GrowthCatalog catalog, ValueAudit audit, CancellationToken cancellationToken) =>
        catalog.FindIndicator(id) is { } indicator
            ? TypedResults.Ok((await audit.OfAsync(indicator.Id, cancellationToken)).ToArray())
            : Problems.NotFound("indicator", id);

    /// <summary>409 for a Statistics Denmark indicator: its figures come only from the source.</summary>
    public static ProblemHttpResult NotManual(string id, GrowthCatalog catalog) =>
        catalog.FindIndicator(id) is { } fetched
            ? TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Figures come from Statistics Denmark",
                detail: $"Indicator '{fetched.Id}' is fetched from table {fetched.Table}; only indicators with \"source\": \"manual\" take figures entered by hand.")
            : Problems.NotFound("indicator", id);

    internal static (IndicatorDefinition, Frequency)? ManualIndicator(string id, GrowthCatalog catalog) =>
        catalog.FindIndicator(id) is { ManualFrequency: { } frequency } indicator ? (indicator, frequency) : null;

    private static async Task<Results<Ok<ManualFiguresWritten>, ProblemHttpResult>> WriteAsync(
        IndicatorDefinition indicator, IReadOnlyList<(string, Period, double?)> figures, Actor actor, ManualFigureWriter writer, CancellationToken cancellationToken)
    {
        try
        {
            var change = await writer.WriteAsync(indicator, figures, actor.Display, cancellationToken);
            return TypedResults.Ok(new ManualFiguresWritten(indicator.Id, change.Vintage, change.Changed, change.Unchanged) { Aggregation = indicator.FigureAggregation });
        }
        catch (IndicatorBusyException busy)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Indicator busy", detail: busy.Message);
        }
    }

    private static string AggregationInEnglish(Aggregation aggregation) => aggregation switch
    {
        Aggregation.Sum => "a count in the period, not a total so far: a year is the sum of its periods",
        Aggregation.Last => "a level at the period's end: a year is its last period",
        _ => "an average over the period: a year is the mean of its periods",
    };

    /// <summary>True for CSV, false for JSON, null for anything else.</summary>
    private static bool? UploadFormat(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) ? type.MediaType.Value?.ToLowerInvariant() switch
        {
            "text/csv" or "application/csv" or "text/plain" => true,
            "application/json" => false,
            _ => null,
        } : null;

    /// <summary>The JSON form of an upload, for the API reference.</summary>
    public sealed record ManualUploadExample(IReadOnlyList<ManualUploadRow> Values);

    public sealed record ManualUploadRow(string Area, string Period, double Value);
}
