using GrowthMonitor.Configuration;
using GrowthMonitor.Health;
using GrowthMonitor.Influx;

namespace GrowthMonitor.Storage;

public static class InfluxSetup
{
    public static IHostApplicationBuilder AddInflux(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<InfluxOptions>(InfluxOptions.SectionName);
        builder.Services.AddInfluxClient();
        builder.Services.AddSingleton<IndicatorFrequencies>();
        builder.Services.AddSingleton<SeriesStore>();
        builder.Services.AddSingleton<FigureVintages>();
        builder.Services.AddSingleton<IngestRuns>();
        builder.Services.AddHostedService<InfluxDatabaseInitializer>();
        builder.Services.AddHealthChecks().AddCheck<InfluxHealthCheck>("influxdb", tags: [HealthSetup.ReadyTag]);
        return builder;
    }
}
