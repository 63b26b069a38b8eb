using System.Globalization;
using GrowthMonitor.IntegrationTests.Infrastructure;
using GrowthMonitor.Core;
using GrowthMonitor.Ingestion;
using GrowthMonitor.Storage;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace GrowthMonitor.IntegrationTests.Ingestion;

/// <summary>The real ingestion path: the fake Statistics Denmark, the service's own code, the real InfluxDB.</summary>
[Collection(ServersCollection.Name)]
public sealed class IngestionTests(ServersFixture servers)
{
    [Fact]
    public async Task Ingest_FirstRun_EveryServedValueStoredExactlyAtItsPeriodStart()
    {
        await using var harness = JobsHarness();
        harness.StatBank.Add(StatBankTables.Erhv2());

        var result = await harness.IngestAsync("jobs");

        var stored = await harness.StoredAsync("jobs");
        var expected = (from area in StatBankTables.Erhv2Areas
                        from year in StatBankTables.Erhv2Years
                        where StatBankTables.Erhv2Figure(area, year) is not null
                        select (area, new DateTimeOffset(int.Parse(year, CultureInfo.InvariantCulture), 1, 1, 0, 0, 0, TimeSpan.Zero), (double)StatBankTables.Erhv2Figure(area, year)!.Value))
            .OrderBy(p => p.area, StringComparer.Ordinal).ThenBy(p => p.Item2).ToList();
        Assert.Equal(expected, stored);
        Assert.Contains(stored, p => p is ("615", { Year: 2021 }, 61710));
        Assert.Contains(stored, p => p is ("084", { Year: 2023 }, 8630.5));
        Assert.Equal(IngestOutcome.Success, result.Run.Outcome);
        Assert.Equal(20, result.Run.Rows); // 4 areas × 5 years, one of them missing
        Assert.Equal(19, result.Run.Points);
        Assert.Equal("2023", result.Run.LatestPeriod);
        var run = Assert.Single(await harness.RunsAsync("jobs"));
        Assert.Equal((IngestOutcome.Success, 20L, 19L), (run.Outcome, run.Rows, run.Points));
    }

    [Fact]
    public async Task Ingest_TableNotUpdatedSinceLastRun_EndsWithoutFetchingData()
    {
        await using var harness = JobsHarness();
        harness.StatBank.Add(StatBankTables.Erhv2());
        await harness.IngestAsync("jobs");

        var second = await harness.IngestAsync("jobs");

        Assert.Equal(IngestOutcome.Unchanged, second.Run.Outcome);
        Assert.Equal(1, harness.StatBank.DataRequests);
        Assert.Equal(2, harness.StatBank.TableInfoRequests);
        Assert.Equal(19, (await harness.StoredAsync("jobs")).Count);
    }

    [Fact]
    public async Task Ingest_TableUpdatedWithRevisionAndNewYear_FetchesWindowAndAddsOnlyNewAndRevisedFiguresAsANewVintage()
    {
        await using var harness = JobsHarness(revisionWindow: 2);
        var table = harness.StatBank.Add(StatBankTables.Erhv2());
        await harness.IngestAsync("jobs");
        table.Periods.Add("2024");
        table.Updated = table.Updated.AddMonths(11);
        table.Values = (area, period) => area == "615" && period == "2023" ? 99_999 : StatBankTables.Erhv2Figure(area, period);

        var second = await harness.IngestAsync("jobs");

        // Window of 2 before the latest fetched (2023): 2022 and 2023 again, plus the new 2024.
        Assert.Equal(["2022", "2023", "2024"], harness.StatBank.RequestedPeriods[1]);
        var stored = await harness.StoredAsync("jobs");
        Assert.Equal(19 + 4 + 1, stored.Count); // the four areas' 2024 values and the revised 615/2023; unchanged figures are not written again
        Assert.Equal([StatBankTables.Erhv2Figure("615", "2023")!.Value, 99_999m], stored.Where(p => p.Area == "615" && p.Time.Year == 2023).Select(p => (decimal)p.Value).Order());
        Assert.Contains(stored, p => p is ("615", { Year: 2024 }, 61500 + 240));
        Assert.Equal("2024", second.Run.LatestPeriod);
        var series = harness.Factory.Services.GetRequiredService<SeriesStore>();
        var latest = await series.ReadAsync("jobs", ["615"], Period.Parse("2023"), Period.Parse("2023"), CancellationToken.None);
        var first = await series.ReadAsync("jobs", ["615"], Period.Parse("2023"), Period.Parse("2023"), VintageChoice.First, CancellationToken.None);
        Assert.Equal(99_999, Assert.Single(latest.Of("615").Observations).Value);
        Assert.Equal((double)StatBankTables.Erhv2Figure("615", "2023")!.Value, Assert.Single(first.Of("615").Observations).Value);
    }

    [Theory]
    [InlineData("503")]
    [InlineData("headers late")]
    public async Task Ingest_RequestFailsOnceThenOk_HttpHandlerRetriesAndStored(string fault)
    {
        await using var harness = JobsHarness();
        harness.StatBank.Add(StatBankTables.Erhv2());
        harness.StatBank.Server.Given(Request.Create().WithPath("/v1/data").UsingPost())
            .InScenario("flaky").WillSetStateTo("recovered")
            .RespondWith(fault == "503"
                ? Response.Create().WithStatusCode(503)
                // Past StatBank:AttemptTimeout (2 s here).
                : Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(4)).WithBody("late"));

        var result = await harness.IngestAsync("jobs");

        Assert.Equal(IngestOutcome.Success, result.Run.Outcome);
        Assert.Equal(2, harness.StatBank.DataRequests);
        Assert.Equal(19, (await harness.StoredAsync("jobs")).Count);
    }

    /// <summary>
    /// A 200 whose body breaks while it is read: after the HTTP handler handed the response over, so only the
    /// ingestion's stream layer (Ingestion:StreamRetries) can fetch it again.
    /// </summary>
    [Theory]
    [InlineData("connection drops")]
    [InlineData("malformed chunk")]
    [InlineData("ends inside a line")]
    [InlineData("empty")]
    [InlineData("stalls")]
    public async Task Ingest_BodyBreaksMidReadThenOk_StreamLayerFetchesAgainAndStored(string fault)
    {
        await using var harness = JobsHarness();
        var body = Faults.MonthlyTable.Body(harness.StatBank.Add(StatBankTables.Erhv2()));
        var broken = fault switch
        {
            "connection drops" => StatBankFake.CutOff(body, StatBankFake.Csv),
            "malformed chunk" => Response.Create().WithStatusCode(200).WithHeader("Content-Type", StatBankFake.Csv).WithBody(new string('x', 10_000)).WithFault(FaultType.MALFORMED_RESPONSE_CHUNK),
            "ends inside a line" => StatBankFake.Answer(body[..^3], StatBankFake.Csv),
            "empty" => StatBankFake.Answer(Array.Empty<byte>(), StatBankFake.Csv),
            // Nothing more after half the body, for longer than StatBank:AttemptTimeout (2 s here).
            _ => StatBankFake.Paused(body, StatBankFake.Csv, body.Length / 2, new TaskCompletionSource().Task),
        };
        harness.StatBank.Server.Given(StatBankFake.PostData())
            .InScenario("broken").WillSetStateTo("recovered")
            .RespondWith(broken);

        var result = await harness.IngestAsync("jobs");

        Assert.Equal(IngestOutcome.Success, result.Run.Outcome);
        Assert.Equal(2, harness.StatBank.DataRequests);
        Assert.Equal(19, (await harness.StoredAsync("jobs")).Count);
    }

    [Fact]
    public async Task Ingest_SourceKeepsFailing_RecordedAsFailedNeverAsSuccess()
    {
        await using var harness = JobsHarness();
        harness.StatBank.Add(StatBankTables.Erhv2());
        harness.StatBank.Server.Given(Request.Create().WithPath("/v1/data").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(503));

        await Assert.ThrowsAnyAsync<Exception>(() => harness.IngestAsync("jobs"));

        var run = Assert.Single(await harness.RunsAsync("jobs"));
        Assert.Equal(IngestOutcome.Failed, run.Outcome);
        Assert.False(string.IsNullOrEmpty(run.Error));
        Assert.Empty(await harness.StoredAsync("jobs"));
    }

    [Fact]
    public async Task Ingest_TableDoesNotExist_NotRetriedAndNamesTheTable()
    {
        await using var harness = JobsHarness();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => harness.IngestAsync("jobs"));

        Assert.Contains("ERHV2", error.Message);
        Assert.Equal(1, harness.StatBank.TableInfoRequests);
        Assert.Equal(0, harness.StatBank.DataRequests);
        Assert.Equal(IngestOutcome.Failed, Assert.Single(await harness.RunsAsync("jobs")).Outcome);
    }

    [Fact]
    public async Task Ingest_CatalogNamesMissingVariableOrValue_FailsThatIndicatorNamingThemAndOthersGoOn()
    {
        await using var harness = ServiceHarness.Create(servers, ServiceHarness.Catalog(
            ServiceHarness.Indicator("jobs", "ERHV2", "OMRÅDE", new Dictionary<string, string[]> { ["BRANCHEDB0710"] = ["TOT"], ["TAL"] = ["ANSATTE"] }),
            ServiceHarness.Indicator("typo", "ERHV2", "OMRÅDE", new Dictionary<string, string[]> { ["BRANCHEDB0710"] = ["TOTAL"], ["TAL"] = ["ANSATTE"] }),
            ServiceHarness.Indicator("missing", "ERHV2", "OMRÅDE", new Dictionary<string, string[]> { ["TAL"] = ["ANSATTE"] })));
        harness.StatBank.Add(StatBankTables.Erhv2());

        var typo = await Assert.ThrowsAsync<IndicatorDefinitionException>(() => harness.IngestAsync("typo"));
        var missing = await Assert.ThrowsAsync<IndicatorDefinitionException>(() => harness.IngestAsync("missing"));
        var jobs = await harness.IngestAsync("jobs");

        Assert.Contains("ERHV2", typo.Message);
        Assert.Contains("BRANCHEDB0710", typo.Message);
        Assert.Contains("'TOTAL'", typo.Message);
        Assert.Contains("BRANCHEDB0710 (branchedb0710) is not pinned", missing.Message);
        Assert.Empty(await harness.StoredAsync("typo"));
        Assert.Equal(IngestOutcome.Success, jobs.Run.Outcome);
        Assert.Equal(1, harness.StatBank.DataRequests);
    }

    [Fact]
    public async Task Ingest_IndicatorLimitedToSomeAreas_StoresOnlyThose()
    {
        await using var harness = ServiceHarness.Create(servers, ServiceHarness.Catalog(
            ServiceHarness.Indicator("jobs", "ERHV2", "OMRÅDE", new Dictionary<string, string[]> { ["BRANCHEDB0710"] = ["TOT"], ["TAL"] = ["ANSATTE"] }, areas: ["615", "000"])));
        harness.StatBank.Add(StatBankTables.Erhv2());

        await harness.IngestAsync("jobs");

        Assert.Equal(["000", "615"], (await harness.StoredAsync("jobs")).Select(p => p.Area).Distinct());
    }

    private ServiceHarness JobsHarness(int revisionWindow = 3) => ServiceHarness.Create(
        servers,
        ServiceHarness.Catalog(ServiceHarness.Indicator("jobs", "ERHV2", "OMRÅDE", new Dictionary<string, string[]> { ["BRANCHEDB0710"] = ["TOT"], ["TAL"] = ["ANSATTE"] })),
        settings: new Dictionary<string, string?> { ["Ingestion:RevisionWindow"] = revisionWindow.ToString(CultureInfo.InvariantCulture) });
}
