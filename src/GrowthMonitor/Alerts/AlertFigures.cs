using GrowthMonitor.Core;
using GrowthMonitor.Reports.Html;

namespace GrowthMonitor.Alerts;

/// <summary>
/// A target's figures as every alert channel (e-mail, Slack, Teams) labels and writes them, in the report's Danish
/// formats: one place, so an e-mail and a chat message about the same event never show different numbers.
/// </summary>
internal static class AlertFigures
{
    public static IEnumerable<(string Label, string Value)> Of(TargetEvaluation evaluation, string? unit)
    {
        if (evaluation.EvaluatedPeriod is { } period)
        {
            yield return ("Periode", Danish.Period(period));
        }

        if (evaluation.Actual is { } actual)
        {
            yield return ("Faktisk", Danish.WithUnit(Danish.Number(actual), unit));
        }

        if (evaluation.Expected is { } expected)
        {
            yield return ("Forventet", Danish.WithUnit(Danish.Number(expected), unit));
        }

        // Stale figures keep their numbers but have no verdict, so no progress is quoted, as in the report.
        if (evaluation is { Progress: { } progress, Status: not TargetStatus.NoData })
        {
            yield return ("Fremdrift", Danish.Percent(progress));
        }

        if (evaluation.Projection is { } projection)
        {
            yield return ("Fremskrivning",
                $"{Danish.WithUnit(Danish.Number(projection.ProjectedAtEnd), unit)} i {Danish.Period(projection.At)}; {Danish.GoalReached(projection)}");
        }
    }
}
