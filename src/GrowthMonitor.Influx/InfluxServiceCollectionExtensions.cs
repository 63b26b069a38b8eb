using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Refit;

namespace GrowthMonitor.Influx;

public static class InfluxServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="InfluxClient"/> over the Refit <see cref="IInfluxApi"/> with one standard resilience
    /// pipeline. Writes are safe to retry: the same measurement, tag set and timestamp overwrite.
    /// Options come from <see cref="InfluxOptions"/>, which the caller binds and validates.
    /// </summary>
    public static IHttpClientBuilder AddInfluxClient(this IServiceCollection services)
    {
        services.AddSingleton<InfluxClient>();
        var builder = services.AddRefitGeneratedClient<IInfluxApi>()
            .ConfigureHttpClient((provider, client) =>
            {
                var options = provider.GetRequiredService<IOptions<InfluxOptions>>().Value;
                client.BaseAddress = options.Url;
                client.DefaultRequestHeaders.Authorization = Authorization(options);
                // The resilience handler owns the timeouts; HttpClient's 100 s default would cut a request's retries short.
                client.Timeout = Timeout.InfiniteTimeSpan;
            });
        builder.AddStandardResilienceHandler().Configure((resilience, provider) =>
        {
            InfluxOptions options;
            try
            {
                options = provider.GetRequiredService<IOptions<InfluxOptions>>().Value;
            }
            catch (OptionsValidationException)
            {
                // Invalid Influx settings are reported by their own start-up validation, once.
                return;
            }

            (resilience.AttemptTimeout.Timeout, resilience.TotalRequestTimeout.Timeout) = (options.AttemptTimeout, options.TotalTimeout);
            (resilience.Retry.MaxRetryAttempts, resilience.Retry.Delay) = (options.MaxRetryAttempts, options.RetryDelay);
            // The circuit breaker needs a sampling window of at least two attempts.
            resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(60).Ticks, 2 * options.AttemptTimeout.Ticks));
        });
        return builder;
    }

    private static AuthenticationHeaderValue? Authorization(InfluxOptions options)
    {
        if (!string.IsNullOrEmpty(options.Token))
        {
            return new AuthenticationHeaderValue("Token", options.Token);
        }

        return string.IsNullOrEmpty(options.Username)
            ? null
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}")));
    }
}
