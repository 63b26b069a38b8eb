using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Refit;

namespace GrowthMonitor.StatBank;

public static class StatBankServiceCollectionExtensions
{
    /// <summary>Registers <see cref="StatBankClient"/> with options bound from <paramref name="section"/> (e.g. <c>StatBank</c>).</summary>
    public static IServiceCollection AddStatBankClient(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<StatBankOptions>().Bind(section);
        return services.AddStatBankClient();
    }

    /// <summary>
    /// Registers <see cref="StatBankClient"/> and the Refit <see cref="IStatBankApi"/> behind one standard resilience
    /// handler configured from <see cref="StatBankOptions"/>, which are validated at start.
    /// </summary>
    public static IServiceCollection AddStatBankClient(this IServiceCollection services, Action<StatBankOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<StatBankOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // A second call only adds configuration: registering the client again would stack a second pipeline.
        if (services.Any(service => service.ServiceType == typeof(StatBankClient)))
        {
            return services;
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StatBankOptions>, StatBankOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddTransient<ResponseBufferingHandler>();
        services.TryAddSingleton<StatBankClient>();

        var refit = RefitSettings.ForJsonContext(StatBankJsonContext.Default);
        // A buffered request body can be sent again by the retry handler.
        refit.Buffered = true;
        var client = services.AddRefitGeneratedClient<IStatBankApi>(refit)
            .ConfigureHttpClient((provider, http) =>
            {
                http.BaseAddress = provider.GetRequiredService<IOptions<StatBankOptions>>().Value.BaseUrl;
                // The resilience handler owns the timeouts; HttpClient's 100 s default would cut them short.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            // The singleton StatBankClient keeps its HttpClient, so connections are recycled (picking up DNS
            // changes) by their lifetime instead of by handler rotation.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        client.AddStandardResilienceHandler().Configure((resilience, provider) =>
        {
            try
            {
                Configure(resilience, provider.GetRequiredService<IOptions<StatBankOptions>>().Value);
            }
            catch (OptionsValidationException)
            {
                // Invalid StatBank settings are reported by their own start-up validation; reporting them again
                // as a failure of the resilience options would list every problem twice.
            }
        });
        client.AddHttpMessageHandler<ResponseBufferingHandler>();
        return services;
    }

    private static void Configure(HttpStandardResilienceOptions resilience, StatBankOptions options)
    {
        resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
        resilience.TotalRequestTimeout.Timeout = options.TotalTimeout;
        resilience.Retry.MaxRetryAttempts = options.MaxRetryAttempts;
        resilience.Retry.Delay = options.RetryDelay;
        // The pipeline requires a sampling window of at least two attempts.
        var twoAttempts = 2 * options.AttemptTimeout;
        if (resilience.CircuitBreaker.SamplingDuration < twoAttempts)
        {
            resilience.CircuitBreaker.SamplingDuration = twoAttempts;
        }
    }
}
