using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
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
            });
        builder.AddStandardResilienceHandler(resilience =>
        {
            // A batch of several thousand points into a cold shard can take longer than the 10 s default.
            resilience.AttemptTimeout.Timeout = TimeSpan.FromSeconds(30);
            resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(60);
            resilience.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(2);
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
