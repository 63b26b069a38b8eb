using GrowthMonitor.Alerts.Email;
using GrowthMonitor.Alerts.Webhooks;
using GrowthMonitor.Configuration;
using GrowthMonitor.Hangfire;
using GrowthMonitor.Http;
using GrowthMonitor.Ingestion;
using GrowthMonitor.Mail;
using GrowthMonitor.Targets;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Alerts;

public static class AlertsSetup
{
    /// <summary>
    /// Alerts to business directors and the alliances' systems: events after each evaluation run and each failed
    /// ingestion, one message per recipient, delivered by Hangfire jobs against a ledger in PostgreSQL.
    /// </summary>
    public static IHostApplicationBuilder AddAlerts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<AlertOptions>(AlertOptions.SectionName);
        builder.Services.AddValidatedOptions<SmtpOptions>(SmtpOptions.SectionName);
        builder.Services.AddSingleton<SmtpMailer>();
        builder.Services.AddSingleton<IValidateOptions<AlertOptions>, AlertConfigurationValidator>();
        builder.Services.AddOptions<PublicUrlOptions>()
            .Bind(builder.Configuration)
            .Validate(o => !PublicUrlOptions.Problems(o).Any(), "PublicBaseUrl: must be an absolute http(s) URL")
            .ValidateOnStart();
        builder.Services.AddSingleton<AlertRoutes>();
        builder.Services.AddSingleton<AlertLedger>();
        builder.Services.AddSingleton<IEmailSender, EmailSender>();
        builder.Services.AddWebhookSender();
        builder.Services.AddSingleton<HeldChanges>();
        builder.Services.AddSingleton<AlertDispatcher>();
        builder.Services.AddTransient<AlertDeliveryJob>();
        builder.Services.AddJobRetries<AlertDeliveryJob, AlertOptions>(options => options.DeliveryJobRetries, nameof(AlertDeliveryJob.DeliverAsync));
        builder.Services.AddJobRetries<AlertDeliveryJob, AlertOptions>(options => options.SweepRetryDelays, nameof(AlertDeliveryJob.DeliverDueAsync));
        builder.Services.AddSingleton<IEvaluationFollowUp, EvaluationAlerts>();
        builder.Services.AddSingleton<IIngestFailureFollowUp, IngestionAlerts>();
        builder.Services.AddJobSchedule<AlertSchedule>();
        builder.Services.AddHostedService<AlertsStartupReport>();
        return builder;
    }
}
