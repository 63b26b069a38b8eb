using System.Reflection;
using GrowthMonitor.Ingestion;
using GrowthMonitor.IntegrationTests.Infrastructure;
using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.DependencyInjection;

namespace GrowthMonitor.IntegrationTests.Jobs;

/// <summary>
/// Every Hangfire job of the service takes its retries from its own configuration section (docs/retries.md), as the
/// filters Hangfire's client, workers and state changes ask for; none is fixed in an attribute.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class JobRetryTests(ServersFixture servers)
{
    /// <summary>Every job method: the service's public methods Hangfire shows by name.</summary>
    private static readonly MethodInfo[] JobMethods =
        [.. typeof(IngestJob).Assembly.GetTypes().SelectMany(type => type.GetMethods()).Where(method => method.IsDefined(typeof(JobDisplayNameAttribute)))];

    [Fact]
    public void JobMethods_NoneOfThem_FixesItsRetriesInAnAttribute()
    {
        Assert.Equal(
            ["AlertDeliveryJob.DeliverAsync", "AlertDeliveryJob.DeliverDueAsync", "EvaluationJob.RunAfterEntryAsync", "EvaluationJob.RunAsync", "IngestJob.RunAsync", "PublicationWatchJob.RunAsync", "ReminderJob.RunAsync", "SignInMail.SendLinkIfMemberAsync"],
            JobMethods.Select(Name).Order(StringComparer.Ordinal));
        Assert.All(JobMethods, method => Assert.False(
            method.IsDefined(typeof(AutomaticRetryAttribute)) || method.DeclaringType!.IsDefined(typeof(AutomaticRetryAttribute)),
            $"{Name(method)} fixes its retries in an attribute"));
    }

    [Fact]
    public async Task Retries_Configured_EachJobRetriesAfterItsOwnWaits()
    {
        await using var factory = await FactoryAsync(new()
        {
            ["Ingestion:RetryDelays:0"] = "00:00:02",
            ["Ingestion:WatchRetryDelays:0"] = "00:00:03",
            ["Evaluation:RetryDelays:0"] = "00:00:04",
            ["Evaluation:RetryDelays:1"] = "00:00:05",
            ["Alerts:JobRetryDelays:0"] = "00:00:06",
            ["Alerts:SweepRetryDelays:0"] = "00:00:07",
            ["Alerts:SweepRetryDelays:1"] = "00:00:01.500", // Hangfire counts whole seconds: rounded up
            ["Reminders:RetryDelays:0"] = "00:00:08",
        });

        Assert.Equal(
            [
                ("AlertDeliveryJob.DeliverAsync", 1, "6"),
                ("AlertDeliveryJob.DeliverDueAsync", 2, "7 2"),
                ("EvaluationJob.RunAfterEntryAsync", 2, "4 5"),
                ("EvaluationJob.RunAsync", 2, "4 5"),
                ("IngestJob.RunAsync", 1, "2"),
                ("PublicationWatchJob.RunAsync", 1, "3"),
                ("ReminderJob.RunAsync", 1, "8"),
                ("SignInMail.SendLinkIfMemberAsync", 0, ""),
            ],
            Retries(factory));
    }

    [Fact]
    public async Task Retries_NotConfigured_TheDocumentedDefaults()
    {
        await using var factory = await FactoryAsync([]);

        Assert.Equal(
            [
                ("AlertDeliveryJob.DeliverAsync", 5, "10 30 60 300 900"),
                // The sweep runs every minute, the watch every five: the next run makes up for a failed one.
                ("AlertDeliveryJob.DeliverDueAsync", 0, ""),
                ("EvaluationJob.RunAfterEntryAsync", 3, "60 300 900"),
                ("EvaluationJob.RunAsync", 3, "60 300 900"),
                ("IngestJob.RunAsync", 3, "60 300 900"),
                ("PublicationWatchJob.RunAsync", 0, ""),
                // A reminder the mail server could not take is tried again by the run; what was sent is not sent twice.
                ("ReminderJob.RunAsync", 3, "300 1800 7200"),
                // A late sign-in link is no use: the person asks again.
                ("SignInMail.SendLinkIfMemberAsync", 0, ""),
            ],
            Retries(factory));
    }

    [Fact]
    public async Task Start_RetryWaitsOutOfRange_ExitsWithOneLinePerProblemNamingTheKey()
    {
        var (exitCode, _, errors) = await ServiceProcess.RunAsync(new Dictionary<string, string?>
        {
            ["Evaluation__RetryDelays__0"] = "00:00:00.500",
            ["Ingestion__WatchRetryDelays__0"] = "2.00:00:00",
            ["Alerts__JobRetryDelays__0"] = "00:00:00",
            ["Alerts__SweepRetryDelays__0"] = "-00:00:01",
        });

        Assert.Equal(2, exitCode);
        Assert.Equal(
            [
                "Configuration error: Alerts:JobRetryDelays: at most 10 waits, each from 00:00:01 to 1.00:00:00",
                "Configuration error: Alerts:SweepRetryDelays: at most 10 waits, each from 00:00:01 to 1.00:00:00",
                "Configuration error: Evaluation:RetryDelays: at most 10 waits, each from 00:00:01 to 1.00:00:00",
                "Configuration error: Ingestion:WatchRetryDelays: at most 10 waits, each from 00:00:01 to 1.00:00:00",
            ],
            errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal));
    }

    private async Task<GrowthMonitorFactory> FactoryAsync(Dictionary<string, string?> settings) =>
        GrowthMonitorFactory.Create(servers, await servers.Postgres.CreateDatabaseAsync(), settings);

    /// <summary>
    /// The one retry filter Hangfire applies to each job method, out of the global default, attributes and the
    /// registered policies: (job, attempts, delays in seconds).
    /// </summary>
    private static List<(string Job, int Attempts, string Delays)> Retries(GrowthMonitorFactory factory)
    {
        var filters = factory.Services.GetRequiredService<IJobFilterProvider>();
        return
        [
            .. JobMethods.Select(method =>
            {
                var job = new Job(method.DeclaringType!, method, [.. method.GetParameters().Select(p => p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null)]);
                var retry = Assert.Single(filters.GetFilters(job).Select(filter => filter.Instance).OfType<AutomaticRetryAttribute>());
                return (Name(method), retry.Attempts, string.Join(' ', retry.Attempts == 0 ? [] : retry.DelaysInSeconds));
            }).OrderBy(retry => retry.Item1, StringComparer.Ordinal),
        ];
    }

    private static string Name(MethodInfo method) => $"{method.DeclaringType!.Name}.{method.Name}";
}
