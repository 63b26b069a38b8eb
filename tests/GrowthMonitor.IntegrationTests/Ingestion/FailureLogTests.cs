using System.Net;
using GrowthMonitor.Catalog;
using GrowthMonitor.Influx;
using GrowthMonitor.IntegrationTests.Infrastructure;
using GrowthMonitor.Ingestion;
using GrowthMonitor.Storage;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GrowthMonitor.IntegrationTests.Ingestion;

/// <summary>
/// A failed indicator is logged once, in one line that names the cause and the remedy, without a stack trace; the
/// failure is still recorded in ingest_runs.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class FailureLogTests(ServersFixture servers)
{
    private static readonly IndicatorDefinition Jobs = new("jobs", "Job", "ERHV2", "OMRÅDE", "0 9 * * *");

    [Fact]
    public async Task Ingest_StatBankUnreachable_OneLineNamingTheNetworkProxyAndBaseUrl()
    {
        await using var harness = JobsHarness(new() { ["StatBank:BaseUrl"] = "http://127.0.0.1:9/v1/", ["StatBank:MaxRetryAttempts"] = "1" });

        var line = await FailureLineAsync(harness, "jobs");

        Assert.Equal(
            "Indicator jobs (table ERHV2) failed: Statistics Denmark could not be reached at http://127.0.0.1:9/v1/: Connection refused (127.0.0.1:9); " +
            "check the network connection, the proxy (HTTPS_PROXY) and StatBank:BaseUrl",
            line);
        Assert.Equal(IngestOutcome.Failed, Assert.Single(await harness.RunsAsync("jobs")).Outcome);
    }

    [Fact]
    public async Task Ingest_BaseUrlIsNotTheApi_OneLineNamingStatBankBaseUrl()
    {
        await using var harness = JobsHarness([]);
        var wrong = harness.StatBank.Server.Url + "/statbank/";

        var line = await FailureLineAsync(harness, "jobs", statBankUrl: wrong);

        Assert.Equal(
            $"Indicator jobs (table ERHV2) failed: {wrong} answered 404 NotFound: it is not Statistics Denmark's API; " +
            $"check StatBank:BaseUrl ({wrong}; Statistics Denmark's is https://api.statbank.dk/v1/)",
            line);
    }

    [Fact]
    public async Task Ingest_WrongCodeInTheCatalog_OneLineNamingTheIndicatorAndTheCode()
    {
        await using var harness = ServiceHarness.Create(servers, ServiceHarness.Catalog(
            ServiceHarness.Indicator("typo", "ERHV2", "OMRÅDE", new Dictionary<string, string[]> { ["BRANCHEDB0710"] = ["TOTAL"], ["TAL"] = ["ANSATTE"] })));
        harness.StatBank.Add(StatBankTables.Erhv2());

        var line = await FailureLineAsync(harness, "typo");

        Assert.StartsWith("Indicator typo (table ERHV2) failed: the catalog does not match table ERHV2: ", line, StringComparison.Ordinal);
        Assert.Contains("'TOTAL'", line, StringComparison.Ordinal);
        Assert.EndsWith("; correct indicator 'typo' in the catalog (Catalog:Path) against table ERHV2's /tableinfo", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_InfluxDbDown_NamesInfluxUrl()
    {
        var failure = IngestFailure.Explain(new InfluxUnavailableException("InfluxDB at http://127.0.0.1:8086/ is unreachable."), Jobs, new Uri("https://api.statbank.dk/v1/"));

        Assert.Equal(new IngestFailure(
            "InfluxDB: InfluxDB at http://127.0.0.1:8086/ is unreachable.",
            "check that InfluxDB runs and that Influx:Url and Influx:Database name it"), failure);
    }

    [Fact]
    public void Explain_ServerError_RetriedAndThenTheBaseUrl()
    {
        var failure = IngestFailure.Explain(new HttpRequestException("503", null, HttpStatusCode.ServiceUnavailable), Jobs, new Uri("https://api.statbank.dk/v1/"));

        Assert.Equal("Statistics Denmark answered 503 ServiceUnavailable", failure.Cause);
        Assert.StartsWith("it is fetched again on the next run", failure.Remedy, StringComparison.Ordinal);
    }

    private ServiceHarness JobsHarness(Dictionary<string, string?> settings) => ServiceHarness.Create(servers, ServiceHarness.Catalog(
        ServiceHarness.Indicator("jobs", "ERHV2", "OMRÅDE", new Dictionary<string, string[]> { ["BRANCHEDB0710"] = ["TOT"], ["TAL"] = ["ANSATTE"] })), settings: settings);

    /// <summary>Ingests the indicator, which fails, and returns the one warning or error the ingestor logged for it.</summary>
    private static async Task<string> FailureLineAsync(ServiceHarness harness, string indicator, string? statBankUrl = null)
    {
        await using var factory = harness.Factory.WithWebHostBuilder(host =>
        {
            host.ConfigureTestServices(services => services.AddFakeLogging());
            if (statBankUrl is not null)
            {
                host.UseSetting("StatBank:BaseUrl", statBankUrl);
            }
        });
        var definition = factory.Services.GetRequiredService<GrowthCatalog>().FindIndicator(indicator)!;

        await Assert.ThrowsAnyAsync<Exception>(() => factory.Services.GetRequiredService<IndicatorIngestor>().IngestAsync(definition, CancellationToken.None));

        var record = Assert.Single(factory.Services.GetFakeLogCollector().GetSnapshot(),
            r => r.Category == typeof(IndicatorIngestor).FullName && r.Level >= LogLevel.Warning);
        Assert.Equal(LogLevel.Error, record.Level);
        Assert.Null(record.Exception);
        return record.Message;
    }
}
