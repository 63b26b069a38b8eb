using GrowthMonitor.Catalog;
using Hangfire;

namespace GrowthMonitor.Alerts;

/// <summary>
/// Turns events into deliveries: records the events the ledger has not seen and one message per route for those it
/// takes, then hands each new delivery to a Hangfire job.
/// </summary>
public sealed partial class AlertDispatcher(
    AlertLedger ledger,
    AlertRoutes routes,
    GrowthCatalog catalog,
    IEmailSender email,
    IBackgroundJobClient jobs,
    TimeProvider time,
    ILogger<AlertDispatcher> logger)
{
    /// <summary>Records the events and their deliveries; returns the new deliveries, to be started by <see cref="Start"/>.</summary>
    public async Task<IReadOnlyList<NewDelivery>> RecordAsync(IReadOnlyList<AlertEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return [];
        }

        var deliveries = await ledger.RecordAsync(events, Plan, time.GetUtcNow(), cancellationToken);
        foreach (var delivery in deliveries)
        {
            LogRecorded(delivery.Id, delivery.Route.Key, delivery.Events.Count);
        }

        return deliveries;
    }

    public void Start(IEnumerable<NewDelivery> deliveries)
    {
        foreach (var delivery in deliveries)
        {
            var id = delivery.Id;
            jobs.Enqueue<AlertDeliveryJob>(job => job.DeliverAsync(id, CancellationToken.None));
        }
    }

    /// <summary>One message per route with every new event it takes; e-mail routes only while e-mail is on.</summary>
    private IReadOnlyList<NewDelivery> Plan(IReadOnlyList<AlertEvent> fresh) =>
    [
        .. routes.All
            .Where(route => route.Webhook is not null || email.Enabled)
            .Select(route => (Route: route, Events: fresh.Where(e => route.Takes(e, catalog)).ToList()))
            .Where(r => r.Events.Count > 0)
            .Select(r => new NewDelivery(DeliveryId(r.Route, r.Events), r.Route, r.Events)),
    ];

    private static string DeliveryId(AlertRoute route, IEnumerable<AlertEvent> events) =>
        "msg_" + AlertEvents.Id([route.Key, .. events.Select(e => e.Id).Order(StringComparer.Ordinal)])["evt_".Length..];

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert delivery {Delivery} to {Route} recorded with {Events} event(s)")]
    private partial void LogRecorded(string delivery, string route, int events);
}
