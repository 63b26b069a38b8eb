namespace GrowthMonitor.Hangfire;

/// <summary>What a feature schedules with Hangfire when the service starts: its recurring jobs and any catch-up runs.</summary>
public interface IJobSchedule
{
    Task ScheduleAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Runs every feature's <see cref="IJobSchedule"/> once at start, in the background, so that a slow or absent store
/// never delays the web server; one schedule's failure does not keep the others from running.
/// </summary>
public sealed partial class JobScheduler(IEnumerable<IJobSchedule> schedules, ILogger<JobScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var schedule in schedules)
        {
            try
            {
                await schedule.ScheduleAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(e, schedule.GetType().Name, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduling {Schedule} failed: {Reason}")]
    private partial void LogFailed(Exception exception, string schedule, string reason);
}

public static class JobScheduleRegistration
{
    public static IServiceCollection AddJobSchedule<TSchedule>(this IServiceCollection services)
        where TSchedule : class, IJobSchedule
    {
        services.AddSingleton<IJobSchedule, TSchedule>();
        services.AddHostedService<JobScheduler>();
        return services;
    }
}
