using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.ManualFigures;
using GrowthMonitor.Storage;

namespace GrowthMonitor.Demo;

/// <summary>
/// The figures the demo's groups would have entered by hand (it has no people entering them), written at start through
/// the service's own writer as an upload would be, audited under the name <see cref="OperatorName"/>. Once: an indicator
/// that holds figures already is left as it is, so what is entered or corrected in the demo stays after a restart.
/// Before the service answers, so that its first pages already show them.
/// </summary>
public sealed partial class DemoFigures(GrowthCatalog catalog, SeriesStore series, ManualFigureWriter writer, ILogger<DemoFigures> logger) : IHostedService
{
    public const string OperatorName = "demo";

    /// <summary>
    /// For manual indicators of the bundled catalog: the apprenticeships Hedensted's group "Det gode arbejdsliv" made each
    /// half-year. 2025 adds up to 9 + 13 = 22 against the goal of 20; by 2026H1, 11 of the 25 due for 2026.
    /// </summary>
    private static readonly (string Indicator, string Area, string Period, double Value)[] Figures =
    [
        ("apprenticeships", "766", "2024H1", 8),
        ("apprenticeships", "766", "2024H2", 10),
        ("apprenticeships", "766", "2025H1", 9),
        ("apprenticeships", "766", "2025H2", 13),
        ("apprenticeships", "766", "2026H1", 11),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var entered in Figures.GroupBy(f => f.Indicator))
        {
            // An operator's own catalog may not have the indicator, or fetch it instead.
            if (catalog.FindIndicator(entered.Key) is not { IsManual: true } indicator)
            {
                continue;
            }

            try
            {
                if (await series.CountAsync(indicator.Id, null, null, null, cancellationToken) == 0)
                {
                    var change = await writer.WriteAsync(indicator, [.. entered.Select(f => (f.Area, Period.Parse(f.Period), (double?)f.Value))], OperatorName, cancellationToken);
                    LogEntered(indicator.Id, change.Changed);
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // The demo runs on without them: the next start tries again.
                LogNotEntered(indicator.Id, e.Message);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: {Count} invented figure(s) entered for {Indicator}")]
    private partial void LogEntered(string indicator, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo: the invented figures for {Indicator} could not be entered: {Reason}")]
    private partial void LogNotEntered(string indicator, string reason);
}
