using System.Globalization;
using GrowthMonitor.Access;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Downloads;
using GrowthMonitor.Ingestion;
using GrowthMonitor.Presentation;
using GrowthMonitor.Presentation.Components;
using GrowthMonitor.Storage;

namespace GrowthMonitor.ManualFigures;

/// <summary>
/// <c>/indikatorer/{id}/upload</c>: a person uploads a spreadsheet of figures for a manual indicator (XLSX or CSV, read
/// by <see cref="ManualUpload"/> as the API reads it), sees every row with what it would change and every bad row with
/// its reason, and confirms. Nothing is written before the confirmation, and an upload with a bad row cannot be
/// confirmed at all. Between the two steps the figures wait in <see cref="PendingUploads"/>, so the confirmation writes
/// what the preview showed and the browser posts back only an id. The confirmation writes through
/// <see cref="ManualFigureWriter"/> like the API, in the person's name. A template for the indicator lists the areas and
/// periods the person may enter.
/// </summary>
public static class UploadPage
{
    public const string FileField = "fil";

    public const string UploadField = "upload";

    public const string ConfirmPath = SitePaths.Upload + "/bekraeft";

    public const string TemplateXlsxPath = SitePaths.Upload + "/skabelon.xlsx";

    public const string TemplateCsvPath = SitePaths.Upload + "/skabelon.csv";

    /// <summary>The receipt's query: how many figures the confirmation changed and found as they were.</summary>
    public const string SavedQuery = "gemt";

    public const string UnchangedQuery = "uaendret";

    public static IEndpointRouteBuilder MapUploadPage(this IEndpointRouteBuilder app)
    {
        app.MapGet(SitePaths.Upload, Show).ExcludeFromDescription();
        app.MapPost(SitePaths.Upload, Upload).ExcludeFromDescription();
        app.MapPost(ConfirmPath, Confirm).ExcludeFromDescription();
        app.MapGet(TemplateXlsxPath, (string id, HttpContext http, GrowthCatalog catalog, Permissions permissions, SeriesStore series, TimeProvider time, CancellationToken cancellationToken) =>
            Template(id, xlsx: true, http, catalog, permissions, series, time, cancellationToken)).ExcludeFromDescription();
        app.MapGet(TemplateCsvPath, (string id, HttpContext http, GrowthCatalog catalog, Permissions permissions, SeriesStore series, TimeProvider time, CancellationToken cancellationToken) =>
            Template(id, xlsx: false, http, catalog, permissions, series, time, cancellationToken)).ExcludeFromDescription();
        return app;
    }

    public static string ConfirmOf(string indicatorId) => SitePaths.UploadOf(indicatorId) + "/bekraeft";

    public static string TemplateOf(string indicatorId, bool xlsx) => SitePaths.UploadOf(indicatorId) + (xlsx ? "/skabelon.xlsx" : "/skabelon.csv");

    public static async Task<IResult> Show(
        string id, string? upload, int? gemt, int? uaendret, HttpContext http, GrowthCatalog catalog, Permissions permissions, PageFrames frames,
        PendingUploads pending, ManualFigureWriter writer, TimeProvider time, CancellationToken cancellationToken)
    {
        var opened = await OpenAsync(id, http, catalog, permissions, frames, time);
        if (opened is not (null, { } actor, { } model))
        {
            return opened.Refusal!;
        }

        var indicator = model.Indicator;
        model = model with { Saved = gemt is { } changed ? (changed, uaendret ?? 0) : null };
        if (upload is not null)
        {
            model = await pending.FindAsync(upload, indicator.Id, actor.Display, cancellationToken) is { } found
                ? model with { Preview = await PreviewAsync(indicator, found.FileName, found.Figures.Select(f => Row(f)).ToList(), writer, cancellationToken), PendingId = upload }
                : model with { ConfirmError = Expired };
        }

        return await PageAsync(StatusCodes.Status200OK, http, frames, model);
    }

    public static async Task<IResult> Upload(
        string id, HttpContext http, GrowthCatalog catalog, Permissions permissions, PageFrames frames, PendingUploads pending, ManualFigureWriter writer,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var opened = await OpenAsync(id, http, catalog, permissions, frames, time);
        if (opened is not (null, { } actor, { } model))
        {
            return opened.Refusal!;
        }

        var indicator = model.Indicator;
        var file = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(cancellationToken)).Files.GetFile(FileField) : null;
        if (file is not { Length: > 0 })
        {
            return await PageAsync(StatusCodes.Status400BadRequest, http, frames, model with { FileError = "Vælg en fil med tal: et Excel-regneark (.xlsx) eller en CSV-fil (.csv)." });
        }

        if (FormatOf(file.FileName) is not { } format)
        {
            return await PageAsync(StatusCodes.Status400BadRequest, http, frames, model with { FileError = $"Filen {file.FileName} er hverken et Excel-regneark (.xlsx) eller en CSV-fil (.csv)." });
        }

        using var body = new MemoryStream();
        await file.CopyToAsync(body, cancellationToken);
        var reading = ManualUpload.ReadRows(body.ToArray(), format, indicator, model.Current, skipBlankValues: true);
        if (reading.FileProblems.Count > 0)
        {
            return await PageAsync(StatusCodes.Status400BadRequest, http, frames, model with
            {
                FileError = $"Filen {file.FileName} kan ikke læses. Intet er gemt.",
                FileErrorDetail = string.Join(" ", reading.FileProblems),
            });
        }

        // Refused as a whole, as the API refuses it, when one area is outside what the person may enter.
        if (!permissions.CanEnterFigures(actor, indicator, reading.Values.Select(v => v.Area)))
        {
            var outside = reading.Values.Select(v => v.Area).Distinct().Where(a => !permissions.CanEnterFigures(actor, indicator, [a]));
            return await ForbiddenAsync(http, frames, $"Du må ikke indtaste tal for {string.Join(", ", outside.Select(DanishAreas.NameOf))} i {indicator.Title}. Intet er gemt.");
        }

        var preview = await PreviewAsync(indicator, file.FileName, [.. reading.Rows.Select(Row)], writer, cancellationToken);
        if (preview.Bad > 0)
        {
            return await PageAsync(StatusCodes.Status400BadRequest, http, frames, model with { Preview = preview });
        }

        var pendingId = await pending.SaveAsync(indicator.Id, actor.Display, file.FileName, reading.Values, cancellationToken);
        return new SeeOther($"{SitePaths.UploadOf(indicator.Id)}?{UploadField}={Uri.EscapeDataString(pendingId)}#forhaandsvisning");
    }

    public static async Task<IResult> Confirm(
        string id, HttpContext http, GrowthCatalog catalog, Permissions permissions, PageFrames frames, PendingUploads pending, ManualFigureWriter writer,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var opened = await OpenAsync(id, http, catalog, permissions, frames, time);
        if (opened is not (null, { } actor, { } model))
        {
            return opened.Refusal!;
        }

        var indicator = model.Indicator;
        var uploadId = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(cancellationToken))[UploadField].ToString() : "";
        if (uploadId.Length == 0 || await pending.FindAsync(uploadId, indicator.Id, actor.Display, cancellationToken) is not { } found)
        {
            return await PageAsync(StatusCodes.Status400BadRequest, http, frames, model with { ConfirmError = Expired });
        }

        // The grant may have changed since the preview.
        if (!permissions.CanEnterFigures(actor, indicator, found.Figures.Select(f => f.Area)))
        {
            return await ForbiddenAsync(http, frames, $"Du må ikke længere indtaste alle tallene i {indicator.Title}. Intet er gemt.");
        }

        ManualChange change;
        try
        {
            change = await writer.WriteAsync(indicator, [.. found.Figures.Select(f => (f.Area, f.Period, (double?)f.Value))], actor.Display, cancellationToken);
        }
        catch (IndicatorBusyException)
        {
            var preview = await PreviewAsync(indicator, found.FileName, [.. found.Figures.Select(f => Row(f))], writer, cancellationToken);
            return await PageAsync(StatusCodes.Status409Conflict, http, frames, model with
            {
                Preview = preview,
                PendingId = uploadId,
                ConfirmError = "Tallene for indikatoren bliver opdateret lige nu. Intet er gemt endnu; tryk Gem tallene igen om lidt.",
            });
        }

        await pending.DeleteAsync(uploadId, cancellationToken);
        return new SeeOther($"{SitePaths.UploadOf(indicator.Id)}?{SavedQuery}={change.Changed}&{UnchangedQuery}={change.Unchanged}");
    }

    /// <summary>
    /// A spreadsheet to fill in: one row per area the person may enter and period from the start of last year to the
    /// current one, with the figure published now where there is one; the columns the upload reads, and an explanation
    /// in words. A row left without a value is skipped when uploaded.
    /// </summary>
    public static async Task<IResult> Template(
        string id, bool xlsx, HttpContext http, GrowthCatalog catalog, Permissions permissions, SeriesStore series, TimeProvider time, CancellationToken cancellationToken)
    {
        var frames = http.RequestServices.GetRequiredService<PageFrames>();
        var opened = await OpenAsync(id, http, catalog, permissions, frames, time);
        if (opened is not (null, { } actor, { } model))
        {
            return opened.Refusal!;
        }

        var indicator = model.Indicator;
        var first = Period.Create(model.Current.Frequency, model.Current.Year - 1, 1);
        var published = await series.ReadAsync(indicator.Id, model.Areas, first, model.Current, cancellationToken);
        var rows = (from area in model.Areas
                    from period in PeriodsFrom(first, model.Current)
                    let value = published.Of(area).TryGetValue(period, out var was) ? was : (double?)null
                    select (area, period, value)).ToList();
        string[] header = ["område", "periode", "værdi", "forklaring"];
        string Explanation(string area, Period period) => $"{DanishAreas.NameOf(area)}, {Danish.Period(period)}";
        var name = $"{indicator.Id}-skabelon";
        if (xlsx)
        {
            var workbook = new XlsxWorkbook();
            var sheet = workbook.AddSheet("Tal", 10, 10, 14, 40).Header(header);
            foreach (var (area, period, value) in rows)
            {
                sheet.Row(area, period.ToString(), XlsxCell.Of(value), Explanation(area, period));
            }

            return ResponseFormats.XlsxFile(workbook.ToBytes(), name);
        }

        var csv = Csv.Write(CsvDialect.Danish, header, rows.Select(r => new[] { CsvCell.Of(r.area), CsvCell.Of(r.period.ToString()), CsvCell.Of(r.value), CsvCell.Of(Explanation(r.area, r.period)) }));
        return ResponseFormats.CsvFile(csv, name);
    }

    private const string Expired = "Forhåndsvisningen findes ikke længere: den er gemt, eller den er over en time gammel. Upload filen igen.";

    private static IEnumerable<Period> PeriodsFrom(Period first, Period last)
    {
        for (var period = first; period <= last; period = period.Next())
        {
            yield return period;
        }
    }

    /// <summary>
    /// The person and the page's model when they may use the page (the indicator looked up and their areas worked out
    /// once); otherwise the answer to an anonymous (sign in), unknown (404) or forbidden (403) request.
    /// </summary>
    private static async Task<(IResult? Refusal, Actor? Actor, UploadPageModel? Model)> OpenAsync(
        string id, HttpContext http, GrowthCatalog catalog, Permissions permissions, PageFrames frames, TimeProvider time)
    {
        if (Actor.Of(http) is not { } actor)
        {
            return (new SeeOther(SitePaths.SignIn), null, null);
        }

        if (ManualFiguresApi.ManualIndicator(id, catalog) is not ({ } indicator, _))
        {
            return (await ErrorAsync(StatusCodes.Status404NotFound, http, frames, "Der er ingen indikator med tal, der indtastes i hånden, på denne adresse."), actor, null);
        }

        var areas = EnterableAreas(indicator, actor, catalog, permissions);
        return areas.Count == 0
            ? (await ForbiddenAsync(http, frames, $"Du må ikke indtaste tal for {indicator.Title}. Spørg alliancens administrator, hvis du skal."), actor, null)
            : (null, actor, new UploadPageModel(indicator, ManualFiguresApi.CurrentPeriod(indicator.ManualFrequency!.Value, time), areas));
    }

    /// <summary>The areas the person may enter figures for: those of the targets on the indicator (and its own) that the grant covers.</summary>
    private static IReadOnlyList<string> EnterableAreas(IndicatorDefinition indicator, Actor actor, GrowthCatalog catalog, Permissions permissions) =>
        [.. catalog.TargetsOn(indicator.Id).SelectMany(t => t.Spec.Areas)
            .Concat(indicator.AreaValues.Where(a => a != IndicatorDefinition.AllAreas))
            .Distinct()
            .Where(area => permissions.CanEnterFigures(actor, indicator, [area]))
            .Order(StringComparer.Ordinal)];

    private static UploadFormat? FormatOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".xlsx" => UploadFormat.Xlsx,
        ".csv" or ".txt" => UploadFormat.Csv,
        _ => null,
    };

    private static PreviewRow Row(UploadRow row) => new(row.Number, row.Area, row.Period, row.Value?.Period, row.Value?.Value, [.. row.Problems.Select(p => p.Danish)], row.Blank);

    /// <summary>A stored figure's row, numbered by where the file had it ("row 7": 7).</summary>
    private static PreviewRow Row(ManualValue value) =>
        new(int.TryParse(value.Where.Split(' ')[^1], CultureInfo.InvariantCulture, out var number) ? number : 0, value.Area, value.Period.ToString(), value.Period, value.Value, [], false);

    /// <summary>The rows beside the figures published now, as the writer will compare them.</summary>
    private static async Task<UploadPreview> PreviewAsync(IndicatorDefinition indicator, string fileName, IReadOnlyList<PreviewRow> rows, ManualFigureWriter writer, CancellationToken cancellationToken)
    {
        var good = rows.Where(r => r.Figure is not null).ToList();
        var compared = await writer.CompareAsync(indicator, [.. good.Select(r => (r.Area!, r.Figure!.Value, r.Value))], cancellationToken);
        var old = compared.ToDictionary(c => (c.Area, c.Period), c => c.Old);
        return new UploadPreview(fileName, [.. rows.Select(r => r.Figure is { } period ? r with { Old = old[(r.Area!, period)], Known = true } : r)]);
    }

    private static async Task<IResult> PageAsync(int status, HttpContext http, PageFrames frames, UploadPageModel model) =>
        await ComponentHtml.PageAsync<UploadPageView>(status,
            ComponentHtml.Parameter(nameof(UploadPageView.Frame), frames.For(http)),
            ComponentHtml.Parameter(nameof(UploadPageView.Token), frames.FormTokenFor(http)),
            ComponentHtml.Parameter(nameof(UploadPageView.Model), model));

    private static Task<IResult> ForbiddenAsync(HttpContext http, PageFrames frames, string sentence) =>
        ErrorAsync(StatusCodes.Status403Forbidden, http, frames, sentence);

    private static async Task<IResult> ErrorAsync(int status, HttpContext http, PageFrames frames, string sentence) =>
        await ComponentHtml.PageAsync<ErrorPage>(status,
            ComponentHtml.Parameter(nameof(ErrorPage.Status), status),
            ComponentHtml.Parameter(nameof(ErrorPage.Sentence), sentence),
            ComponentHtml.Parameter(nameof(ErrorPage.Frame), frames.For(http)));
}

/// <summary>What the upload page shows: the indicator, the period figures may be entered up to, the person's areas, and what happened.</summary>
public sealed record UploadPageModel(IndicatorDefinition Indicator, Period Current, IReadOnlyList<string> Areas)
{
    public UploadPreview? Preview { get; init; }

    /// <summary>The id the confirm form posts; only for a preview without bad rows.</summary>
    public string? PendingId { get; init; }

    public string? FileError { get; init; }

    /// <summary>Why the file could not be read, as the reader says it.</summary>
    public string? FileErrorDetail { get; init; }

    public string? ConfirmError { get; init; }

    /// <summary>The receipt after a confirmation: figures changed and figures found as they were.</summary>
    public (int Changed, int Unchanged)? Saved { get; init; }
}

/// <summary>A file's rows as they would change the published figures.</summary>
public sealed record UploadPreview(string FileName, IReadOnlyList<PreviewRow> Rows)
{
    public int New => Rows.Count(r => r.Change == PreviewChange.New);

    public int Changed => Rows.Count(r => r.Change == PreviewChange.Changed);

    public int Unchanged => Rows.Count(r => r.Change == PreviewChange.Unchanged);

    public int Bad => Rows.Count(r => r.Change == PreviewChange.Bad);

    public int Blank => Rows.Count(r => r.Change == PreviewChange.Blank);
}

public enum PreviewChange
{
    New,
    Changed,
    Unchanged,
    Bad,
    Blank,
}

/// <summary>One row: where it is (0 for a stored upload, whose rows are shown in order), what it gives, and the figure published now.</summary>
public sealed record PreviewRow(int Number, string? Area, string? PeriodText, Period? Figure, double? Value, IReadOnlyList<string> Problems, bool IsBlank)
{
    public double? Old { get; init; }

    /// <summary>Whether <see cref="Old"/> has been looked up.</summary>
    public bool Known { get; init; }

    public PreviewChange Change => Problems.Count > 0 || (Figure is null && !IsBlank) ? PreviewChange.Bad
        : IsBlank ? PreviewChange.Blank
        : Old is null ? PreviewChange.New
        : Old == Value ? PreviewChange.Unchanged
        : PreviewChange.Changed;
}
