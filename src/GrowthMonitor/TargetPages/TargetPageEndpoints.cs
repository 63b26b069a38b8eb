using GrowthMonitor.Access;
using GrowthMonitor.Catalog;
using GrowthMonitor.Http;
using GrowthMonitor.ManualFigures;
using GrowthMonitor.Presentation;
using GrowthMonitor.Targets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrowthMonitor.TargetPages;

/// <summary>
/// The pages of the people who own the goals: <c>/mine-maal</c> (the signed-in person's targets) and
/// <c>/maal/{targetId}</c> (one target), with plain HTML forms that post a figure (<c>/maal/{targetId}/tal</c>) or a
/// follow-up note (<c>/maal/{targetId}/noter</c>) through the API's own checks and writes, then redirect back (303)
/// with a confirmation, or show the page again with the errors beside their fields (400). Pages read the stored
/// assessments and never judge; the evaluation a figure queues shows on the page within seconds.
/// </summary>
public static class TargetPageEndpoints
{
    public const string FigurePath = SitePaths.Target + "/tal";

    public const string NotePath = SitePaths.Target + "/noter";

    /// <summary>The query (<c>?gemt=…</c>) a page is shown with after a form saved.</summary>
    public const string SavedQuery = "gemt";

    public const string SavedFigure = "tal";

    public const string SavedNote = "note";

    public static IHostApplicationBuilder AddTargetPages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TargetPageBuilder>();
        return builder;
    }

    public static IEndpointRouteBuilder MapTargetPages(this IEndpointRouteBuilder app)
    {
        app.MapGet(SitePaths.MyTargets, MyTargets).ExcludeFromDescription();
        app.MapGet(SitePaths.Target, Target).ExcludeFromDescription();
        app.MapPost(FigurePath, EnterFigure).ExcludeFromDescription();
        app.MapPost(NotePath, WriteNote).ExcludeFromDescription();
        return app;
    }

    public static string FigureFormOf(string targetId) => SitePaths.TargetOf(targetId) + "/tal";

    public static string NoteFormOf(string targetId) => SitePaths.TargetOf(targetId) + "/noter";

    /// <summary>The signed-in person's targets; anyone else is sent to sign in.</summary>
    public static async Task<Results<ContentHttpResult, RedirectHttpResult>> MyTargets(HttpContext http, Actor? actor, AssessmentSnapshot assessments, TargetPageBuilder pages) =>
        actor is null
            ? TypedResults.Redirect(SitePaths.SignIn)
            : await ComponentHtml.PageAsync<MyTargetsPage>(
                StatusCodes.Status200OK,
                ComponentHtml.Parameter(nameof(MyTargetsPage.Model), pages.MyTargets(actor, assessments)),
                ComponentHtml.Parameter(nameof(MyTargetsPage.Frame), pages.Frame(http)));

    public static async Task<Results<ContentHttpResult, RedirectHttpResult, ProblemHttpResult>> Target(
        string targetId, string? gemt, HttpContext http, Actor? actor, GrowthCatalog catalog, Permissions permissions, TargetPageBuilder pages, CancellationToken cancellationToken)
    {
        if (catalog.FindTarget(targetId) is not { } target)
        {
            return Problems.NotFound("target", targetId);
        }

        if (!permissions.CanRead(actor, target.Spec.Alliance))
        {
            // A person who is not signed in yet is asked to; one signed in without the grant is told so.
            return actor is null ? TypedResults.Redirect(SitePaths.SignIn) : Permissions.Refuse(actor, $"read alliance {target.Spec.Alliance}");
        }

        var saved = gemt is SavedFigure or SavedNote ? gemt : null;
        return await pages.PageAsync(http, target, actor, StatusCodes.Status200OK, saved, figure: null, note: null, cancellationToken);
    }

    /// <summary>Enters or corrects one figure of the target's manual indicator, checked and written as <c>PUT /api/indicators/{id}/values</c> does.</summary>
    public static async Task<Results<ContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> EnterFigure(
        string targetId, HttpContext http, Actor? actor, GrowthCatalog catalog, Permissions permissions, ManualFigureWriter writer, TargetPageBuilder pages, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (catalog.FindTarget(targetId) is not { } target)
        {
            return Problems.NotFound("target", targetId);
        }

        var indicator = target.Indicator;
        if (indicator.ManualFrequency is not { } frequency)
        {
            return ManualFiguresApi.NotManual(indicator.Id, catalog);
        }

        if (actor is null || !permissions.CanEnterFigures(actor, indicator, target.Spec.Areas))
        {
            return Permissions.Refuse(actor, $"enter figures of {indicator.Id} for {target.Id}");
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var area = target.Spec.Areas is [var only] ? only : form[ManualUpload.AreaField].ToString();
        var (period, valueText) = (form[ManualUpload.PeriodField].ToString(), form[ManualUpload.ValueField].ToString());
        List<FieldProblem> problems = [.. ManualUpload.CheckWhere(indicator, ManualFiguresApi.CurrentPeriod(frequency, time), area, period, out var parsed)];
        double? value = null;
        if (Danish.TryReadNumber(valueText, out var number, out var why))
        {
            value = number;
        }
        else
        {
            problems.Add(new(ManualUpload.ValueField, $"value '{valueText}' {why.English}", why.Danish));
        }

        if (ManualUpload.CheckValue(indicator, value, valueText) is { } sign)
        {
            problems.Add(sign);
        }

        if (problems.Count > 0)
        {
            return await pages.PageAsync(http, target, actor, StatusCodes.Status400BadRequest, null, new(area, period, valueText, problems), null, cancellationToken);
        }

        var written = await ManualFiguresApi.EnterAsync(indicator, [new ManualValue(area, parsed!.Value, value!.Value, "form")], actor, permissions, writer, cancellationToken);
        return written.Result is ProblemHttpResult refused ? refused : SeeOther(http, target.Id, SavedFigure);
    }

    /// <summary>Writes a follow-up note on the target, checked and stored as <c>POST /api/targets/{id}/notes</c> does.</summary>
    public static async Task<Results<ContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> WriteNote(
        string targetId, HttpContext http, Actor? actor, GrowthCatalog catalog, Permissions permissions, TargetNotes notes, AssessmentCache assessments, TargetPageBuilder pages,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (catalog.FindTarget(targetId) is not { } target)
        {
            return Problems.NotFound("target", targetId);
        }

        if (actor is null || !permissions.CanContribute(actor, target))
        {
            return Permissions.Refuse(actor, $"write notes on {target.Id}");
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var note = new NoteRequest(form[NoteFields.Period].ToString(), form[NoteFields.Text].ToString(), null);
        if (NotesApi.Check(note, time.GetUtcNow(), out var period) is { Count: > 0 } problems)
        {
            return await pages.PageAsync(http, target, actor, StatusCodes.Status400BadRequest, null, null, new(note.Period, note.Text, problems), cancellationToken);
        }

        await NotesApi.StoreAsync(target, period, note.Text!, null, actor, notes, assessments, time, cancellationToken);
        return SeeOther(http, target.Id, SavedNote);
    }

    /// <summary>The names of the note form's fields, those of <see cref="NoteRequest"/>.</summary>
    public static class NoteFields
    {
        public const string Period = "period";

        public const string Text = "text";
    }

    /// <summary>After a form saved: 303, so that the browser shows the page with GET and reloading it posts nothing again.</summary>
    private static StatusCodeHttpResult SeeOther(HttpContext http, string targetId, string saved)
    {
        http.Response.Headers.Location = $"{SitePaths.TargetOf(targetId)}?{SavedQuery}={saved}";
        return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
    }
}

/// <summary>What a person typed into one of the target page's forms, shown again with the problems when it came back.</summary>
public sealed record FigureInput(string? Area, string? Period, string? Value, IReadOnlyList<FieldProblem> Problems);

public sealed record NoteInput(string? Period, string? Text, IReadOnlyList<FieldProblem> Problems);
