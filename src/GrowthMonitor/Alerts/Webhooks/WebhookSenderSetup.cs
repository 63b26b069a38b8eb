using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Alerts.Webhooks;

public static class WebhookSenderSetup
{
    /// <summary>
    /// Registers <see cref="IWebhookSender"/> over its own HttpClient: one attempt per call, bounded by
    /// <c>Alerts:AttemptTimeout</c>, with no retry or resilience handler (the delivery jobs retry, durably, and a
    /// handler retrying inside an attempt would send the same message twice in one job), no redirects followed (a
    /// webhook that moved is a configuration to fix, and a redirect must not carry a signed body elsewhere), and none
    /// of the factory's request logging (it would log Slack and Teams URLs, which are secrets).
    /// </summary>
    public static IServiceCollection AddWebhookSender(this IServiceCollection services)
    {
        services.TryAddSingleton<AlertLinkBuilder>();
        services.AddHttpClient<IWebhookSender, WebhookSender>((provider, client) =>
            {
                client.Timeout = provider.GetRequiredService<IOptions<AlertOptions>>().Value.AttemptTimeout;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("GrowthMonitor-Webhooks/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .RemoveAllLoggers();
        return services;
    }
}
