using GrowthMonitor.Access;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Http;
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

        if (!Period.TryParse(note.Period, out var period) || period.Year < TargetsApi.FirstYear || period.Year > time.GetUtcNow().Year + 1)
        {
            return Problems.BadRequest("Invalid period", $"period must be a period code such as 2024, 2024H1, 2024K1 or 2024M01, from {TargetsApi.FirstYear} to next year.");
        }

        if (string.IsNullOrWhiteSpace(note.Text) || note.Text.Length > MaxTextLength)
        {
            return Problems.BadRequest("Invalid text", $"text must hold the note, at most {MaxTextLength} characters.");
        }

        if (note.Author is { Length: > MaxAuthorLength })
        {
            return Problems.BadRequest("Invalid author", $"author must be at most {MaxAuthorLength} characters.");
        }

        var author = string.IsNullOrWhiteSpace(note.Author) ? actor.Name : note.Author.Trim();
        var stored = await notes.AddAsync(target.Id, period, note.Text.Trim(), author, actor.Display, time.GetUtcNow(), cancellationToken);
        await assessments.AddNoteAsync(stored, cancellationToken);
        return TypedResults.Created($"/api/targets/{Uri.EscapeDataString(target.Id)}/notes", stored);
    }

    public static async Task<Results<Ok<TargetNote[]>, ProblemHttpResult>> GetNotes(string id, GrowthCatalog catalog, TargetNotes notes, CancellationToken cancellationToken) =>
        catalog.FindTarget(id) is { } target
            ? TypedResults.Ok((await notes.OfAsync([target.Id], cancellationToken)).ToArray())
            : Problems.NotFound("target", id);
}
