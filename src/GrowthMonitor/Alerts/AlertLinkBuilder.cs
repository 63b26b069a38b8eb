using System.Globalization;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Alerts;

/// <summary>The root configuration key <c>PublicBaseUrl</c>: where readers reach the service, for links in messages.</summary>
public sealed class PublicUrlOptions
{
    /// <summary>E.g. <c>https://vaekst.horsens.dk/</c>; messages carry no links into the service without it.</summary>
    public Uri? PublicBaseUrl { get; set; }

    public static IEnumerable<string> Problems(PublicUrlOptions options)
    {
        if (options.PublicBaseUrl is { IsAbsoluteUri: false } or { Scheme: not ("http" or "https") })
        {
            yield return $"PublicBaseUrl: must be an absolute http(s) URL, not '{options.PublicBaseUrl}'";
        }
    }
}

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
