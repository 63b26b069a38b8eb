using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using GrowthMonitor.Presentation;
using GrowthMonitor.Targets;
using Microsoft.AspNetCore.Components;

namespace GrowthMonitor.TargetPages;

/// <summary>
/// The parts of the pages that are the same for every reader of one stored assessment (a target's chart and table of
/// figures, <see cref="TargetFigures"/>; its line on <c>/mine-maal</c>, <see cref="MyTargetSummary"/>), rendered once
/// for it: they change only when a run stores the target again, and rendering them was most of what a page cost. Kept
/// beside the assessment object itself, so a snapshot that is replaced takes its HTML with it.
/// </summary>
public sealed class AssessmentMarkup
{
    private readonly ConditionalWeakTable<StoredAssessment, ConcurrentDictionary<Type, Rendered>> rendered = [];

    /// <summary>
    /// <typeparamref name="TComponent"/> rendered for <paramref name="stored"/> with the parameters (asked for only when it
    /// is rendered); <paramref name="wording"/> is the catalog's words it shows, so that a reloaded catalog renders it anew.
    /// </summary>
    public async Task<MarkupString> OfAsync<TComponent>(
        StoredAssessment stored, string wording, Func<IEnumerable<KeyValuePair<string, object?>>> parameters)
        where TComponent : IComponent
    {
        var forAssessment = rendered.GetValue(stored, _ => new ConcurrentDictionary<Type, Rendered>());
        if (forAssessment.TryGetValue(typeof(TComponent), out var known) && known.Wording == wording)
        {
            return known.Html;
        }

        var html = new MarkupString(await ComponentHtml.RenderAsync<TComponent>(parameters()));
        forAssessment[typeof(TComponent)] = new Rendered(wording, html);
        return html;
    }

    private sealed record Rendered(string Wording, MarkupString Html);
}
