using System.Globalization;
using System.Text.Json.Nodes;
using GrowthMonitor.Alerts;
using GrowthMonitor.IntegrationTests.Targets;

namespace GrowthMonitor.IntegrationTests.Faults;

/// <summary>
/// Horsens with its director (e-mail) and intranet (a signed webhook), and a Statistics Denmark that does not have
/// the jobs table: a refresh of <c>jobs</c> fails for good at once (<c>EXTRACT-NOTFOUND</c>), and both are told, on
/// whatever day the tests run.
/// </summary>
internal static class Alerting
{
    public const string WebhookRoute = "horsens-intranet";

    public static readonly string WebhookKey = AlertRoutes.WebhookKey(WebhookRoute);

    public static JsonObject Catalog(string webhookUrl)
    {
        var catalog = HorsensScenario.Catalog();
        catalog["alliances"]![0]!["webhooks"] = new JsonArray(new JsonObject { ["id"] = WebhookRoute, ["url"] = webhookUrl, ["format"] = "json" });
        return catalog;
    }

    public static Dictionary<string, string?> Settings(int smtpPort) => new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:From"] = "GrowthMonitor <vaekst@horsens.example>",
        [$"Webhooks:{WebhookRoute}:Secret"] = "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=",
        // An attempt held by the receiver is not given up on before the test kills the service.
        ["Alerts:AttemptTimeout"] = "00:02:00",
    };

    /// <summary>Deliveries in the ledger that are not delivered (pending or failed).</summary>
    public static Task<long> UndeliveredAsync(FaultScenario scenario) =>
        scenario.QueryPostgresAsync<long>("SELECT count(*) FROM growthmonitor.alert_deliveries WHERE status <> 'delivered'");

    public static Task<long> DeliveriesAsync(FaultScenario scenario) =>
        scenario.QueryPostgresAsync<long>("SELECT count(*) FROM growthmonitor.alert_deliveries");
}
