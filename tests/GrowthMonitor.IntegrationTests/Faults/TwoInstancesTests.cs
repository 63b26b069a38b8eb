using System.Text.Json.Nodes;
using GrowthMonitor.Ingestion;
using GrowthMonitor.IntegrationTests.Infrastructure;

namespace GrowthMonitor.IntegrationTests.Faults;

/// <summary>
/// Two instances of the service on one PostgreSQL, both with every indicator's recurring job and a scheduler of their
/// own: each occurrence of each indicator's schedule becomes one job and one run, not one per instance. (One delivery
/// per recipient across instances is <c>AlertDeliveryTests.TwoInstancesOnOnePostgreSql_…</c>.)
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class TwoInstancesTests(ServersFixture servers)
{
    [Fact]
    public async Task Schedules_TwoInstancesOnOnePostgreSql_EachOccurrenceRunsOnce()
    {
        var jobs = (JsonObject)StatBankTables.JobsCatalog()["indicators"]![0]!.DeepClone();
        var mid = (JsonObject)MonthlyTable.Catalog("mid", "MID")["indicators"]![0]!.DeepClone();
        // Every minute: the shortest a five-field cron allows, so the test waits for the next minute at most.
        jobs["schedule"] = "* * * * *";
        mid["schedule"] = "* * * * *";
        await using var scenario = await FaultScenario.CreateAsync(servers, ServiceHarness.Catalog(jobs, mid), new Dictionary<string, string?>
        {
            // Only the indicators' own schedules queue ingestion (the publication watch would, in its morning hours).
            ["Ingestion:WatchSchedule"] = "",
        });
        scenario.StatBank.Add(StatBankTables.Erhv2());
        scenario.StatBank.Add(MonthlyTable.Create("MID", 5, 12));
        var instances = await Task.WhenAll(scenario.StartServiceAsync(), scenario.StartServiceAsync());
        await using var first = instances[0];
        await using var second = instances[1];
        await Eventually.TrueAsync(() => scenario.Monitoring.Servers().Count == 2, Eventually.BackgroundWork);

        List<(string Indicator, DateTime Created, string State)> scheduled = [];
        await Eventually.TrueAsync(
            () => (scheduled = ScheduledRuns(scenario)).Select(r => r.Indicator).Distinct().Count() == 2 && scheduled.All(r => r.State == "Succeeded"),
            Eventually.BackgroundWork);

        // Runs of an occurrence after those seen end after its minute began, so they are left out.
        var seenUntil = Minute(scheduled.Max(r => r.Created)).AddMinutes(1);
        foreach (var indicator in new[] { "jobs", "mid" })
        {
            var occurrences = scheduled.Where(r => r.Indicator == indicator).GroupBy(r => Minute(r.Created)).ToList();
            Assert.All(occurrences, occurrence => Assert.Single(occurrence));
            var runs = (await scenario.RunsAsync(indicator)).Where(r => r.Time.UtcDateTime < seenUntil).ToList();
            Assert.Equal(occurrences.Count, runs.Count);
            Assert.Equal("success", runs[0].Outcome);
        }
    }

    private static DateTime Minute(DateTime time) => new(time.Year, time.Month, time.Day, time.Hour, time.Minute, 0, time.Kind);

    /// <summary>Every ingestion job a recurring schedule created: its indicator, when it was created, and its state now.</summary>
    private static List<(string Indicator, DateTime Created, string State)> ScheduledRuns(FaultScenario scenario)
    {
        var monitoring = scenario.Monitoring;
        var ids = monitoring.SucceededJobs(0, 1_000).Select(j => j.Key)
            .Concat(monitoring.ProcessingJobs(0, 1_000).Select(j => j.Key))
            .Concat(monitoring.EnqueuedJobs("default", 0, 1_000).Select(j => j.Key))
            .Concat(monitoring.FailedJobs(0, 1_000).Select(j => j.Key))
            .Concat(monitoring.ScheduledJobs(0, 1_000).Select(j => j.Key))
            .Distinct();
        return [.. ids.Select(monitoring.JobDetails)
            .Where(job => job.Job?.Type == typeof(IngestJob) && job.Properties.ContainsKey("RecurringJobId"))
            .Select(job => ((string)job.Job.Args[0], job.CreatedAt!.Value, job.History[0].StateName))];
    }
}
