using GrowthMonitor.Hangfire;
using GrowthMonitor.Influx;
using GrowthMonitor.Presentation;
using Hangfire;
using Microsoft.Extensions.Options;
using Log = GrowthMonitor.Storage.Schema.AlertDeliveries;

namespace GrowthMonitor.Alerts;

/// <summary>
/// Delivers one recorded message: one attempt at a time, held in the ledger so that no other process sends it
/// meanwhile. A transient failure is tried again with exponential backoff (no sooner than the receiver's
/// Retry-After); a permanent one, or the last attempt, is recorded as failed. A held change (<see cref="HeldChanges"/>)
/// that no longer holds when an attempt is due is withdrawn, not sent.
/// </summary>
public sealed partial class AlertDeliveryJob(
    AlertLedger ledger,
    AlertRoutes routes,
    HeldChanges held,
    IEmailSender email,
    IWebhookSender webhooks,
    InfluxClient influx,
    IBackgroundJobClient jobs,
    IOptions<AlertOptions> options,
    SourceCredit credit,
    TimeProvider time,
    ILogger<AlertDeliveryJob> logger)
{
    public const string SweepId = "alerts:deliver-due";

    /// <summary>Hangfire's own retries (Alerts:JobRetryDelays) cover an unreachable ledger; delivery failures are the ledger's to retry.</summary>
    [JobDisplayName("Deliver alert {0}")]
    public async Task DeliverAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        (AlertRoute? Route, AttemptOutcome Outcome, int Events, string AllianceName)? attempt = null;
        await ledger.AttemptAsync(deliveryId, now, async (delivery, events) =>
        {
            var route = routes.Find(delivery.Route);
            var outcome = await AttemptAsync(route, delivery, events, now, cancellationToken);
            attempt = (route, outcome, events.Count, events[0].AllianceName);
            return outcome;
        }, cancellationToken);
        if (attempt is not ({ } route, var outcome, var count, var allianceName))
        {
            return;
        }

        await RecordAsync(route, allianceName, deliveryId, outcome, count, now, cancellationToken);
        if (outcome.Status == DeliveryStatus.Pending)
        {
            Queue(jobs, deliveryId, outcome.NextAttemptAt, now);
        }
    }

    /// <summary>Queues an attempt of the delivery, at once when it is due, else when it will be.</summary>
    public static void Queue(IBackgroundJobClient jobs, string deliveryId, DateTimeOffset due, DateTimeOffset now)
    {
        if (due <= now)
        {
            jobs.Enqueue<AlertDeliveryJob>(job => job.DeliverAsync(deliveryId, CancellationToken.None));
            return;
        }

        // Hangfire schedules by its own clock and keeps whole seconds, so an absolute time could fire before the ledger
        // counts the delivery due; that job would find nothing to do and leave the attempt to the minutely sweep. A
        // delay rounded up past the due time never comes early.
        var delay = TimeSpan.FromSeconds(Math.Ceiling((due - now).TotalSeconds) + 1);
        jobs.Schedule<AlertDeliveryJob>(job => job.DeliverAsync(deliveryId, CancellationToken.None), delay);
    }

    /// <summary>
    /// Queues every pending delivery that is due: those whose job was lost to a crash, or never started. Retried only
    /// after Alerts:SweepRetryDelays (none by default: the next sweep is a minute away).
    /// </summary>
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [JobDisplayName("Deliver due alerts")]
    public async Task DeliverDueAsync(CancellationToken cancellationToken)
    {
        foreach (var deliveryId in await ledger.DueAsync(time.GetUtcNow(), limit: 500, cancellationToken))
        {
            jobs.Enqueue<AlertDeliveryJob>(job => job.DeliverAsync(deliveryId, CancellationToken.None));
        }
    }

    private async Task<AttemptOutcome> AttemptAsync(AlertRoute? route, DeliveryRecord delivery, IReadOnlyList<AlertEvent> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (route is null)
        {
            var gone = $"Route {delivery.Route} is no longer in the catalog.";
            LogFailed(delivery.Id, delivery.Route, delivery.Attempts + 1, gone);
            return new AttemptOutcome(DeliveryStatus.Failed, now, gone);
        }

        if (delivery.HeldUntil is not null && await held.WhyNotToTellAsync(events, cancellationToken) is { } why)
        {
            LogWithdrawn(delivery.Id, route.Key, why);
            return new AttemptOutcome(DeliveryStatus.Withdrawn, now, why);
        }

        var message = new AlertMessage(delivery.Id, events[0].AllianceName, events, delivery.CreatedAt) { Credit = credit };
        try
        {
            await route.SendAsync(message, email, webhooks, cancellationToken);

            LogDelivered(delivery.Id, route.Key, delivery.Attempts + 1);
            return new AttemptOutcome(DeliveryStatus.Delivered, now, null);
        }
        catch (DeliveryFailedException e) when (e.Transient && delivery.Attempts + 1 < options.Value.MaxAttempts)
        {
            var wait = Backoff(delivery.Attempts);
            if (e.RetryAfter is { } retryAfter && retryAfter > wait)
            {
                wait = retryAfter;
            }

            LogRetrying(delivery.Id, route.Key, delivery.Attempts + 1, wait, e.Message);
            return new AttemptOutcome(DeliveryStatus.Pending, now + wait, e.Message);
        }
        catch (DeliveryFailedException e)
        {
            LogFailed(delivery.Id, route.Key, delivery.Attempts + 1, e.Message);
            return new AttemptOutcome(DeliveryStatus.Failed, now, e.Message);
        }
    }

    /// <summary>RetryDelay doubled per attempt, at most MaxRetryDelay.</summary>
    private TimeSpan Backoff(int attemptsBefore)
    {
        var delay = options.Value.RetryDelay * Math.Pow(2, Math.Min(attemptsBefore, 20));
        return delay < options.Value.MaxRetryDelay ? delay : options.Value.MaxRetryDelay;
    }

    /// <summary>Every attempt in <c>alert_deliveries</c>, for Grafana; the ledger stays the truth if InfluxDB is down.</summary>
    private async Task RecordAsync(AlertRoute route, string allianceName, string deliveryId, AttemptOutcome outcome, int events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, FieldValue>> fields =
        [
            new(Log.Delivery, FieldValue.String(deliveryId)),
            new(Log.Events, FieldValue.Integer(events)),
            new(Log.AllianceName, FieldValue.String(allianceName)),
        ];
        fields.AddText(Log.Error, outcome.Error);
        var outcomeName = outcome.Status == DeliveryStatus.Pending ? "retrying" : AlertLedger.Statuses.Of(outcome.Status);
        try
        {
            await influx.WriteAsync(
                [new InfluxPoint(Log.Measurement, [new(Log.AllianceTag, route.Alliance), new(Log.ChannelTag, route.Channel), new(Log.OutcomeTag, outcomeName), new(Log.RouteTag, route.Key)], fields, now)],
                cancellationToken);
        }
        catch (InfluxException e)
        {
            LogNotRecorded(deliveryId, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {Delivery} delivered to {Route} (attempt {Attempt})")]
    private partial void LogDelivered(string delivery, string route, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {Delivery} to {Route} failed at attempt {Attempt}; trying again in {Wait}: {Reason}")]
    private partial void LogRetrying(string delivery, string route, int attempt, TimeSpan wait, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert {Delivery} to {Route} failed for good at attempt {Attempt}: {Reason}")]
    private partial void LogFailed(string delivery, string route, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {Delivery} to {Route} withdrawn, not sent: {Reason}")]
    private partial void LogWithdrawn(string delivery, string route, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {Delivery}: the attempt could not be written to InfluxDB: {Reason}")]
    private partial void LogNotRecorded(string delivery, string reason);
}

/// <summary>The sweep of due deliveries, every minute.</summary>
public sealed class AlertSchedule(IRecurringJobManager recurringJobs) : IJobSchedule
{
    public Task ScheduleAsync(CancellationToken cancellationToken)
    {
        recurringJobs.AddOrUpdate<AlertDeliveryJob>(AlertDeliveryJob.SweepId, job => job.DeliverDueAsync(CancellationToken.None), Cron.Minutely());
        return Task.CompletedTask;
    }
}
