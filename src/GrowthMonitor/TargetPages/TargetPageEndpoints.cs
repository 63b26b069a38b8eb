using System.Globalization;
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
/// follow-up note (<c>/maal/{targetId}/noter</c>) or a yearly-goal target's goals (<c>/maal/{targetId}/maal</c>) through the API's own checks and writes, then redirect back (303)
/// with a confirmation, or show the page again with the errors beside their fields (400). Pages read the stored
/// assessments and never judge; the evaluation a figure queues shows on the page within seconds.
/// </summary>
public static class TargetPageEndpoints
{
    public const string FigurePath = SitePaths.Target + "/tal";

    public const string NotePath = SitePaths.Target + "/noter";

    public const string GoalPath = SitePaths.Target + "/maal";

    /// <summary>The query (<c>?gemt=…</c>) a page is shown with after a form saved.</summary>
    public const string SavedQuery = "gemt";

    public const string SavedFigure = "tal";

    public const string SavedNote = "note";

    public const string SavedGoals = "maal";

    public static IHostApplicationBuilder AddTargetPages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TargetPageBuilder>();
        builder.Services.AddSingleton<AssessmentMarkup>();
        return builder;
    }

    public static IEndpointRouteBuilder MapTargetPages(this IEndpointRouteBuilder app)
    {
        app.MapGet(SitePaths.MyTargets, MyTargets).ExcludeFromDescription();
        app.MapGet(SitePaths.Target, Target).ExcludeFromDescription();
        app.MapPost(FigurePath, EnterFigure).ExcludeFromDescription();
        app.MapPost(NotePath, WriteNote).ExcludeFromDescription();
        app.MapPost(GoalPath, SetGoals).ExcludeFromDescription();
        return app;
    }

    public static string FigureFormOf(string targetId) => SitePaths.TargetOf(targetId) + "/tal";

    public static string NoteFormOf(string targetId) => SitePaths.TargetOf(targetId) + "/noter";

    public static string GoalFormOf(string targetId) => SitePaths.TargetOf(targetId) + "/maal";

    /// <summary>The goal form's field (and its id) for a year.</summary>
    public static string GoalField(int year) => string.Create(CultureInfo.InvariantCulture, $"maal-{year}");

    /// <summary>The signed-in person's targets; anyone else is sent to sign in.</summary>
    public static async Task<Results<ContentHttpResult, RedirectHttpResult>> MyTargets(
        HttpContext http, Actor? actor, AssessmentSnapshot assessments, TargetPageBuilder pages, CancellationToken cancellationToken) =>
        actor is null
            ? TypedResults.Redirect(SitePaths.SignIn)
            : await ComponentHtml.PageAsync<MyTargetsPage>(
                StatusCodes.Status200OK,
                ComponentHtml.Parameter(nameof(MyTargetsPage.Model), await pages.MyTargetsAsync(actor, assessments, cancellationToken)),
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

        var saved = gemt is SavedFigure or SavedNote or SavedGoals ? gemt : null;
        return await pages.PageAsync(http, target, actor, StatusCodes.Status200OK, saved, input: null, cancellationToken);
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
            return await pages.PageAsync(http, target, actor, StatusCodes.Status400BadRequest, null, new() { Figure = new(area, period, valueText, problems) }, cancellationToken);
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
            return await pages.PageAsync(http, target, actor, StatusCodes.Status400BadRequest, null, new() { Note = new(note.Period, note.Text, problems) }, cancellationToken);
        }

        await NotesApi.StoreAsync(target, period, note.Text!, null, actor, notes, assessments, time, cancellationToken);
        return SeeOther(http, target.Id, SavedNote);
    }

    /// <summary>
    /// Sets a yearly-goal target's goals for the open years (this one and later), one field each, checked and written as
    /// <c>PUT /api/targets/{id}/goals</c> does (<see cref="TargetGoals.SetAsync"/>); an empty field leaves its year as it is.
    /// </summary>
    public static async Task<Results<ContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> SetGoals(
        string targetId, HttpContext http, Actor? actor, GrowthCatalog catalog, Permissions permissions, TargetGoals goals, TargetPageBuilder pages,
        CancellationToken cancellationToken)
    {
        if (catalog.FindTarget(targetId) is not { } target)
        {
            return Problems.NotFound("target", targetId);
        }

        if (actor is null || !permissions.CanContribute(actor, target))
        {
            return Permissions.Refuse(actor, $"set the goals of {target.Id}");
        }

        if (TargetGoals.NotYearlyGoal(target) is { } notYearlyGoal)
        {
            return GoalsApi.NotYearlyGoal(notYearlyGoal);
        }

        // The fields are those the page shows: the open years of the target's span. A year typed in a field of its own
        // making is not read; a past year has no field, so it cannot be set here.
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var typed = new Dictionary<int, string>();
        var values = new Dictionary<int, double>();
        List<GoalError> problems = [];
        for (var year = goals.CurrentYear(); year <= target.Definition.End.Year; year++)
        {
            var text = form[GoalField(year)].ToString();
            typed[year] = text;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (Danish.TryReadNumber(text, out var value, out var why))
            {
                values[year] = value;
            }
            else
            {
                var field = year.ToString(CultureInfo.InvariantCulture);
                problems.Add(new(field, $"goal '{text}' {why.English}", why.Danish));
            }
        }

        if (problems.Count == 0)
        {
            var result = await goals.SetAsync(target, values, actor, cancellationToken);
            if (result.Refused is { } refused)
            {
                return GoalsApi.NotYearlyGoal(refused);
            }

            problems = [.. result.Errors];
        }

        return problems.Count > 0
            ? await pages.PageAsync(http, target, actor, StatusCodes.Status400BadRequest, null, new() { Goals = new(typed, problems) }, cancellationToken)
            : SeeOther(http, target.Id, SavedGoals);
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

/// <summary>The goals typed, by year, as typed.</summary>
public sealed record GoalInput(IReadOnlyDictionary<int, string> Values, IReadOnlyList<GoalError> Problems);

/// <summary>What came back from the one form that was posted (the others are shown afresh).</summary>
public sealed record FormInput
{
    public FigureInput? Figure { get; init; }

    public NoteInput? Note { get; init; }

    public GoalInput? Goals { get; init; }
}
