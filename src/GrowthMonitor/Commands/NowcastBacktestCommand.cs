using System.Data.Common;
using System.Globalization;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Indicators;
using GrowthMonitor.Influx;
using GrowthMonitor.Presentation;
using GrowthMonitor.Storage;

namespace GrowthMonitor.Commands;

/// <summary>
/// <c>nowcast-backtest --indicator ID [--by-area]</c>: the early estimate's record on the stored figures as a Markdown
/// table, the numbers <c>GET /api/indicators/{id}/nowcasts/accuracy</c> answers (from the same
/// <see cref="NowcastPair.AccuracyAsync"/>), pooled over every area, and with <c>--by-area</c> per area too.
/// </summary>
public static class NowcastBacktestCommand
{
    public const string Name = "nowcast-backtest";

    public const string UsageLine = $"Usage: GrowthMonitor {Name} --indicator ID [--by-area]";

    public static async Task<int> RunAsync(IServiceProvider services, string indicatorId, bool byArea, CancellationToken cancellationToken)
    {
        var catalog = services.GetRequiredService<GrowthCatalog>();
        if (catalog.FindIndicator(indicatorId) is not { } indicator)
        {
            await Console.Error.WriteLineAsync($"Unknown indicator '{indicatorId}'. Known: {string.Join(", ", catalog.Indicators.Select(i => i.Id))}");
            return CommandLine.Usage;
        }

        if (NowcastPair.Of(catalog, indicator) is not { } pair)
        {
            await Console.Error.WriteLineAsync(NowcastPair.NoLeadingIndicator(catalog, indicator.Id));
            return CommandLine.Usage;
        }

        IReadOnlyList<QuarterNowcastRecord> record;
        try
        {
            await services.GetRequiredService<InfluxClient>().EnsureDatabaseAsync(cancellationToken);
            record = await pair.AccuracyAsync(services.GetRequiredService<SeriesStore>(), cancellationToken);
        }
        catch (Exception e) when (e is InfluxException or DbException)
        {
            await Console.Error.WriteLineAsync($"{indicator.Id}: failed: {e.Message}");
            return CommandLine.Failure;
        }

        Console.Write(Table(pair, record, byArea, pair.Source(services.GetRequiredService<SourceCredit>())));
        return 0;
    }

    /// <summary>
    /// The record as Markdown: per quarter the estimates judged (n), their mean absolute error in units and in %, how
    /// many had a band and the share of those whose official figure fell inside it, and the two baselines' errors.
    /// </summary>
    public static string Table(NowcastPair pair, IReadOnlyList<QuarterNowcastRecord> record, bool byArea, string source)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Early estimates of {pair.Indicator.Id} from {pair.Leading.Id}, against the official figures ({source}).");
        text.AppendLine("Every single area on its own; bands from earlier years' errors only; MAE = mean absolute error.");
        text.AppendLine();
        if (record.Count == 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"No estimate can be checked yet: it needs two published years of {pair.Indicator.Id} and the same quarters of {pair.Leading.Id}.");
            return text.ToString();
        }

        var columns = "| quarter | n | MAE | MAE % | banded | coverage % | no change: MAE | MAE % | last change repeated: n | MAE | MAE % |";
        text.AppendLine(byArea ? "| area " + columns : columns);
        text.AppendLine(string.Concat(Enumerable.Repeat("|---", byArea ? 12 : 11)) + "|");
        foreach (var quarter in record)
        {
            text.AppendLine((byArea ? "| all " : "") + Row(quarter.Quarter, quarter.Pooled));
        }

        if (byArea)
        {
            foreach (var (area, quarter, areaRecord) in record.SelectMany(q => q.Areas.Select(a => (a.Area, q.Quarter, a.Record))).OrderBy(r => r.Area, StringComparer.Ordinal).ThenBy(r => r.Quarter))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {area} {Row(quarter, areaRecord)}");
            }
        }

        return text.ToString();
    }

    private static string Row(int quarter, NowcastRecord record) => string.Create(CultureInfo.InvariantCulture,
        $"| {quarter} | {record.Nowcast.Estimates} | {Units(record.Nowcast)} | {Percent(record.Nowcast)} | {record.Banded} | {(record.Coverage is { } coverage ? (coverage * 100).ToString("0.0", CultureInfo.InvariantCulture) : "-")} "
        + $"| {Units(record.NoChange)} | {Percent(record.NoChange)} | {record.LastChangeRepeated.Estimates} | {Units(record.LastChangeRepeated)} | {Percent(record.LastChangeRepeated)} |");

    private static string Units(EstimateError error) => error.MeanAbsoluteError?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-";

    private static string Percent(EstimateError error) => error.MeanAbsolutePercentError?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-";
}
