using System.Runtime.CompilerServices;
using GrowthMonitor.Catalog;
using GrowthMonitor.Presentation;
using GrowthMonitor.Targets;
using Microsoft.AspNetCore.Components;

namespace GrowthMonitor.TargetPages;

/// <summary>
/// A target's chart and table of figures (<see cref="TargetFigures"/>) as HTML, rendered once per stored assessment:
/// every reader of <c>/maal/{targetId}</c> sees the same until a run stores the target again, and the chart is the
/// costliest part of the page to render. Kept beside the assessment object itself, so a snapshot that is replaced takes
/// its HTML with it.
/// </summary>
public sealed class TargetFigureMarkup
{
    private readonly ConditionalWeakTable<StoredAssessment, Rendered> rendered = [];

    public async Task<MarkupString> OfAsync(StoredAssessment stored, IndicatorDefinition indicator)
    {
        // The catalog's titles may change on a reload while the assessment stays.
        if (rendered.TryGetValue(stored, out var known) && known.IndicatorTitle == indicator.Title && known.Unit == indicator.Unit)
        {
            return known.Html;
        }

        var html = new MarkupString(await ComponentHtml.RenderAsync<TargetFigures>(
            ComponentHtml.Parameter(nameof(TargetFigures.IndicatorTitle), indicator.Title),
            ComponentHtml.Parameter(nameof(TargetFigures.Unit), indicator.Unit),
            ComponentHtml.Parameter(nameof(TargetFigures.Path), stored.Assessment.Path)));
        rendered.AddOrUpdate(stored, new Rendered(indicator.Title, indicator.Unit, html));
        return html;
    }

    private sealed record Rendered(string IndicatorTitle, string? Unit, MarkupString Html);
}
