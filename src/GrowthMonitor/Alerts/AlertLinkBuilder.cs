using GrowthMonitor.Downloads;
using GrowthMonitor.Http;
using GrowthMonitor.Presentation;
using GrowthMonitor.Reports;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Alerts;

/// <summary>
/// The links a message offers for an event. People get pages: the alliance's HTML report of the year the figures are
/// for, the target's section in it (until targets have pages of their own), the front page and the dashboard. The
/// target in the API stays for programs (the JSON webhook's <c>links.target</c>).
/// </summary>
public sealed class AlertLinkBuilder(IOptions<PublicUrlOptions> publicUrl, IOptions<AlertOptions> alerts, TimeProvider time)
{
    public AlertLinks For(AlertEvent alertEvent)
    {
        var year = alertEvent.Year ?? time.GetUtcNow().Year;
        var report = ReportsApi.PathOf(alertEvent.Alliance, year, ResponseFormat.Html);
        return new AlertLinks(
            Service(report),
            alertEvent.Target is { } target ? Service($"/api/targets/{Uri.EscapeDataString(target)}") : null,
            alerts.Value.DashboardUrl,
            alertEvent.Target is { } anchored ? Service(report + "#" + AnnualReportHtml.TargetAnchor(anchored)) : null,
            Service(SitePaths.FrontPage));
    }

    /// <summary>A path from the service's root under <c>PublicBaseUrl</c>, which may have a path of its own; null without it.</summary>
    public Uri? Service(string path) =>
        publicUrl.Value.PublicBaseUrl is { } root ? new Uri(new Uri(root.ToString().TrimEnd('/') + "/"), path.TrimStart('/')) : null;
}
