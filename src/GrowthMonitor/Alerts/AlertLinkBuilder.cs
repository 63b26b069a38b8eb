using System.Globalization;
using GrowthMonitor.Http;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Alerts;

/// <summary>The links a message offers for an event: its target in the API, the alliance's report, the dashboard.</summary>
public sealed class AlertLinkBuilder(IOptions<PublicUrlOptions> publicUrl, IOptions<AlertOptions> alerts, TimeProvider time)
{
    public AlertLinks For(AlertEvent alertEvent)
    {
        var year = alertEvent.Evaluation?.EvaluatedPeriod?.Year ?? time.GetUtcNow().Year;
        return new AlertLinks(
            Service($"api/alliances/{Uri.EscapeDataString(alertEvent.Alliance)}/reports/{year.ToString(CultureInfo.InvariantCulture)}?format=html"),
            alertEvent.Target is { } target ? Service($"api/targets/{Uri.EscapeDataString(target)}") : null,
            alerts.Value.DashboardUrl);
    }

    private Uri? Service(string relative) =>
        publicUrl.Value.PublicBaseUrl is { } root ? new Uri(new Uri(root.ToString().TrimEnd('/') + "/"), relative) : null;
}
