using GrowthMonitor.Catalog;
using Hangfire;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Alerts;

/// <summary>
/// Turns events into deliveries: records the events the ledger has not seen and one message per route for those it
/// takes, then hands each new delivery to a Hangfire job, at once or, for a held change, when its wait ends.
/// </summary>
public sealed partial class AlertDispatcher(
    AlertLedger ledger,
    AlertRoutes routes,
    GrowthCatalog catalog,
    IEmailSender email,
    IBackgroundJobClient jobs,
    IOptions<AlertOptions> options,
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

    /// <summary>
    /// Holds a change of <paramref name="target"/> for Alerts:GroupWait in place of the one held for it so far
    /// (<see cref="AlertLedger.HoldAsync"/>); returns the new deliveries, to be started by <see cref="Start"/>.
    /// </summary>
    public async Task<IReadOnlyList<NewDelivery>> HoldAsync(string target, Func<AlertEvent?, AlertEvent?> replace, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var deliveries = await ledger.HoldAsync(target, replace, Plan, now, now + options.Value.GroupWait, cancellationToken);
        foreach (var delivery in deliveries)
        {
            LogHeld(delivery.Id, delivery.Route.Key, delivery.HeldUntil);
        }

        return deliveries;
    }

    public void Start(IEnumerable<NewDelivery> deliveries)
    {
        var now = time.GetUtcNow();
        foreach (var delivery in deliveries)
        {
            AlertDeliveryJob.Queue(jobs, delivery.Id, delivery.HeldUntil ?? now, now);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert delivery {Delivery} to {Route} held until {HeldUntil}: figures were just entered by hand")]
    private partial void LogHeld(string delivery, string route, DateTimeOffset? heldUntil);
}
