using GrowthMonitor.Access;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Http;
using GrowthMonitor.Presentation;
using GrowthMonitor.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrowthMonitor.Targets;

/// <summary>A follow-up note as entered: the period it is about, what was done and why, and who wrote it.</summary>
public sealed record NoteRequest(string? Period, string? Text, string? Author);

public static class NotesApi
{
    public const int MaxTextLength = 10_000;

    public const int MaxAuthorLength = 200;

    public static IHostApplicationBuilder AddTargetNotes(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TargetNotes>();
        return builder;
    }

    /// <summary>Routes under <c>/api/targets</c> for follow-up notes.</summary>
    public static RouteGroupBuilder MapTargetNotes(this RouteGroupBuilder targets)
    {
        targets.MapPost("/{id}/notes", AddNote).WithMetadata(ApiKeyRequirement.Instance)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Adds a follow-up note on a target for a period (its contributors, admins, operators); notes are kept, never overwritten.");
        targets.MapGet("/{id}/notes", GetNotes).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A target's follow-up notes, oldest first, with period, text, author, the operator key's name and time.");
        return targets;
    }

    public static async Task<Results<Created<TargetNote>, ProblemHttpResult>> AddNote(
        string id, NoteRequest note, Actor? actor, GrowthCatalog catalog, Permissions permissions, TargetNotes notes, AssessmentCache assessments, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (catalog.FindTarget(id) is not { } target)
        {
            return Problems.NotFound("target", id);
        }

        if (actor is null || !permissions.CanContribute(actor, target))
        {
            return Permissions.Refuse(actor, $"write notes on {target.Id}");
        }

        if (Check(note, time.GetUtcNow(), out var period) is [var problem, ..])
        {
            return Problems.BadRequest($"Invalid {problem.Field}", problem.English);
        }

        var stored = await StoreAsync(target, period, note.Text!, note.Author, actor, notes, assessments, time, cancellationToken);
        return TypedResults.Created($"/api/targets/{Uri.EscapeDataString(target.Id)}/notes", stored);
    }

    /// <summary>
    /// What is wrong with a note, field by field (<c>period</c>, <c>text</c>, <c>author</c>), as the API and the target
    /// page's form both check it: in English for the API, in Danish beside the form's field.
    /// </summary>
    public static IReadOnlyList<FieldProblem> Check(NoteRequest note, DateTimeOffset now, out Period period)
    {
        List<FieldProblem> problems = [];
        if (!Period.TryParse(note.Period, out period) || period.Year < TargetsApi.FirstYear || period.Year > now.Year + 1)
        {
            problems.Add(new("period", $"period must be a period code such as 2024, 2024H1, 2024K1 or 2024M01, from {TargetsApi.FirstYear} to next year.", "Vælg en periode på listen."));
        }

        if (string.IsNullOrWhiteSpace(note.Text) || note.Text.Length > MaxTextLength)
        {
            problems.Add(new("text", $"text must hold the note, at most {MaxTextLength} characters.",
                string.IsNullOrWhiteSpace(note.Text) ? "Skriv noten." : $"Noten må højst være {MaxTextLength.ToString("N0", Danish.Culture)} tegn."));
        }

        if (note.Author is { Length: > MaxAuthorLength })
        {
            problems.Add(new("author", $"author must be at most {MaxAuthorLength} characters.", $"Navnet må højst være {MaxAuthorLength} tegn."));
        }

        return problems;
    }

    /// <summary>Stores a checked note in the actor's name (the author, when none is given) and shows it to every reader at once.</summary>
    public static async Task<TargetNote> StoreAsync(
        CatalogTarget target, Period period, string text, string? author, Actor actor, TargetNotes notes, AssessmentCache assessments, TimeProvider time, CancellationToken cancellationToken)
    {
        var stored = await notes.AddAsync(target.Id, period, text.Trim(), string.IsNullOrWhiteSpace(author) ? actor.Name : author.Trim(), actor.Display, time.GetUtcNow(), cancellationToken);
        await assessments.AddNoteAsync(stored, cancellationToken);
        return stored;
    }

    public static async Task<Results<Ok<TargetNote[]>, ProblemHttpResult>> GetNotes(string id, GrowthCatalog catalog, TargetNotes notes, CancellationToken cancellationToken) =>
        catalog.FindTarget(id) is { } target
            ? TypedResults.Ok((await notes.OfAsync([target.Id], cancellationToken)).ToArray())
            : Problems.NotFound("target", id);
}
