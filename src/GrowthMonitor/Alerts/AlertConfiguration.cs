using GrowthMonitor.Catalog;
using GrowthMonitor.Mail;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Alerts;

/// <summary>
/// Checks at start what the alert settings and the catalog must agree on: every JSON webhook has a well-formed
/// secret under <c>Webhooks:{id}:Secret</c>, and every secret belongs to a webhook of the catalog (a typo would
/// otherwise leave a webhook unsigned).
/// </summary>
public sealed class AlertConfigurationValidator(IConfiguration configuration, IServiceProvider services) : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        GrowthCatalog catalog;
        try
        {
            catalog = services.GetRequiredService<GrowthCatalog>();
        }
        catch (Exception e) when (e is InvalidOperationException or OptionsValidationException)
        {
            // A broken catalog is reported by its own validation; passing its failures on would print each twice.
            return ValidateOptionsResult.Skip;
        }

        List<string> problems = [];
        var webhooks = catalog.Alliances.SelectMany(a => a.WebhookList.Select(w => (Alliance: a.Id, Webhook: w))).ToList();
        foreach (var (alliance, webhook) in webhooks.Where(w => AlertWire.WebhookFormats.TryParse(w.Webhook.Format, out var f) && f == WebhookFormat.Json))
        {
            var key = WebhookSecretOptions.SecretKey(webhook.Id);
            if (WebhookSecretOptions.KeyOf(configuration[key]) is null)
            {
                problems.Add($"{key}: the JSON webhook '{webhook.Id}' of alliance '{alliance}' needs a signing secret: whsec_ followed by base64 of 24-64 random bytes (echo \"whsec_$(openssl rand -base64 32)\")");
            }
        }

        foreach (var configured in configuration.GetSection(WebhookSecretOptions.SectionName).GetChildren().Where(c => webhooks.All(w => w.Webhook.Id != c.Key)))
        {
            problems.Add($"{WebhookSecretOptions.SectionName}:{configured.Key}: no webhook of the catalog has this id");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>Says at start what alerting can do: whether e-mail is on, and how many routes there are.</summary>
public sealed partial class AlertsStartupReport(IOptions<SmtpOptions> smtp, AlertRoutes routes, ILogger<AlertsStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (smtp.Value.Enabled)
        {
            LogEmailOn(smtp.Value.Host!, smtp.Value.Port, smtp.Value.Security.ToString());
        }
        else
        {
            LogEmailOff();
        }

        LogRoutes(routes.All.Count);

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert e-mail goes through {Host}:{Port} ({Security})")]
    private partial void LogEmailOn(string host, int port, string security);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert e-mail is off: set Smtp:Host (and Smtp:From) to send e-mail; webhooks still work")]
    private partial void LogEmailOff();

    [LoggerMessage(Level = LogLevel.Information, Message = "Alerts: {Routes} route(s); the delivery ledger is in PostgreSQL")]
    private partial void LogRoutes(int routes);
}
