using System.Net;
using System.Net.Http.Json;
using GrowthMonitor.IntegrationTests.Infrastructure;
using GrowthMonitor.IntegrationTests.Targets;
using Microsoft.AspNetCore.Mvc;

namespace GrowthMonitor.IntegrationTests.Security;

/// <summary>A store that cannot be reached inside a request is a 503 naming it, with Retry-After: never a 500.</summary>
[Collection(ServersCollection.Name)]
public sealed class StorageUnavailableTests(ServersFixture servers)
{
    [Fact]
    public async Task Refresh_PostgresDown_503NamingTheJobStorage()
    {
        var postgres = await PostgresServer.StartAsync();
        await using var harness = ServiceHarness.Create(servers, HorsensScenario.Catalog(), database: await postgres.CreateDatabaseAsync());
        using var client = harness.OperatorClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        await postgres.DisposeAsync();
        using var response = await client.PostAsync("/api/indicators/jobs/refresh", null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("Job storage unavailable", problem!.Title);
        Assert.Contains($"PostgreSQL at 127.0.0.1:{postgres.Port}", problem.Detail);
    }
}
