using GrowthMonitor.Influx;
using GrowthMonitor.IntegrationTests.Infrastructure;

namespace GrowthMonitor.IntegrationTests.Influx;

[Collection(ServersCollection.Name)]
public sealed class InfluxRoundTripTests(ServersFixture servers)
{
    private static readonly DateTimeOffset January2024 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Every character line protocol treats specially, plus non-ASCII text, in every position that can hold it.
    private const string Awkward = "a b,c=d\"e\\f æøå ÆØÅ 🚀";

    [Fact]
    public async Task WriteAsync_SpecialCharactersEverywhere_ReadBackIdentical()
    {
        var influx = await InfluxTestClient.CreateAsync(servers.Influx);
        var measurement = "growth " + Awkward;
        var point = new InfluxPoint(
            measurement,
            [KeyValuePair.Create("area " + Awkward, "value " + Awkward), KeyValuePair.Create("plain", "615")],
            [
                KeyValuePair.Create("value", FieldValue.Float(1234.5)),
                KeyValuePair.Create("note " + Awkward, FieldValue.String("line one\nline \"two\" \\ " + Awkward)),
                KeyValuePair.Create("count", FieldValue.Integer(-42)),
                KeyValuePair.Create("final", FieldValue.Boolean(true)),
            ],
            January2024);

        var written = await influx.WriteAsync([point]);

        Assert.Equal(1, written);
        var series = Assert.Single(await influx.QueryAsync(new InfluxQuery($"SELECT * FROM {InfluxQl.Identifier(measurement)} GROUP BY *")));
        Assert.Equal(measurement, series.Name);
        Assert.Equal("value " + Awkward, series.Tag("area " + Awkward));
        Assert.Equal("615", series.Tag("plain"));
        var row = Assert.Single(series.Rows);
        Assert.Equal(January2024, row.Time);
        Assert.Equal(1234.5, row.GetDouble("value"));
        Assert.Equal("line one\nline \"two\" \\ " + Awkward, row.GetString("note " + Awkward));
        Assert.Equal(-42, row.GetInt64("count"));
        Assert.True(row.GetBoolean("final"));
    }

    [Fact]
    public async Task WriteAsync_BackslashBeforeSeparator_ReadBackIdentical()
    {
        var influx = await InfluxTestClient.CreateAsync(servers.Influx);
        string[] values = [@"a\,b", @"a\ b", @"a\=b", @"c\\d", @"\lead"];
        var points = values.Select((v, i) => Point("backslashes", v, i, January2024.AddDays(i)));

        await influx.WriteAsync(points);

        var rows = await influx.QueryAsync(new InfluxQuery("SELECT \"value\" FROM backslashes GROUP BY area"));
        Assert.Equal(values.Order(StringComparer.Ordinal), rows.Select(s => s.Tag("area")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WriteAsync_UnwritableValues_RefusedByNameAndRestOfBatchStored()
    {
        var influx = await InfluxTestClient.CreateAsync(servers.Influx, batchSize: 3);
        InfluxPoint[] points =
        [
            Point("jobs", "615", 100, January2024),
            Point("jobs", "line\nbreak", 1, January2024),
            Point("jobs", "657", double.NaN, January2024),
            Point("jobs", "trailing\\", 1, January2024),
            Point("jobs", "657", 200, January2024),
            Point("jobs", "766", 300, January2024),
            Point("jobs", "779", 400, January2024),
        ];

        var error = await Assert.ThrowsAsync<InfluxWriteException>(() => influx.WriteAsync(points));

        Assert.Equal(4, error.PointsWritten);
        Assert.Equal(3, error.Problems.Count);
        Assert.Contains("line break", error.Problems[0]);
        Assert.Contains("NaN", error.Problems[1]);
        Assert.Contains("ends with a backslash", error.Problems[2]);
        Assert.Equal(new double[] { 100, 200, 300, 400 }, await ValuesAsync(influx, "jobs"));
    }

    [Fact]
    public async Task WriteAsync_SourceFailsWhileABatchIsOnTheWire_ThrowsOnlyAfterThatBatchLanded()
    {
        // A large batch takes InfluxDB a while to store; the source fails right after handing it over, as a cut-off
        // Statistics Denmark body does. Whoever catches the failure deletes what was written, so nothing may land later.
        const int batchSize = 20_000;
        var influx = await InfluxTestClient.CreateAsync(servers.Influx, batchSize: batchSize);

        await Assert.ThrowsAsync<InvalidDataException>(() => influx.WriteAsync(FailingAfter(batchSize)));

        var count = Assert.Single(await influx.QueryAsync(new InfluxQuery("SELECT count(\"value\") FROM jobs")));
        Assert.Equal(batchSize, Assert.Single(count.Rows).GetInt64("count"));
    }

    private static async IAsyncEnumerable<InfluxPoint> FailingAfter(int points)
    {
        for (var i = 0; i < points; i++)
        {
            yield return Point("jobs", "615", i, January2024.AddMinutes(i));
        }

        await Task.Yield();
        throw new InvalidDataException("The body ends inside a line.");
    }

    [Fact]
    public async Task WriteAsync_FieldTypeConflict_ServerRefusalReportedAndOtherPointsStored()
    {
        var influx = await InfluxTestClient.CreateAsync(servers.Influx);
        await influx.WriteAsync([Point("jobs", "615", 100, January2024)]);
        var conflicting = new InfluxPoint("jobs", [KeyValuePair.Create("area", "657")], [KeyValuePair.Create("value", FieldValue.String("many"))], January2024);

        var error = await Assert.ThrowsAsync<InfluxWriteException>(() => influx.WriteAsync([conflicting, Point("jobs", "766", 300, January2024)]));

        Assert.Contains("field type conflict", error.Message);
        Assert.Equal(1, error.PointsWritten);
        Assert.Equal(new double[] { 100, 300 }, await ValuesAsync(influx, "jobs"));
    }

    [Fact]
    public async Task WriteAsync_SameSeriesAndTimeTwice_OverwritesInsteadOfDuplicating()
    {
        var influx = await InfluxTestClient.CreateAsync(servers.Influx);

        await influx.WriteAsync([Point("jobs", "615", 100, January2024)]);
        await influx.WriteAsync([Point("jobs", "615", 105, January2024)]);

        Assert.Equal(new double[] { 105 }, await ValuesAsync(influx, "jobs"));
    }

    [Fact]
    public async Task QueryAsync_HostileParameter_IsBoundNotSpliced()
    {
        var influx = await InfluxTestClient.CreateAsync(servers.Influx);
        await influx.WriteAsync([Point("jobs", "615", 100, January2024)]);
        const string hostile = "615' OR 1=1; DROP MEASUREMENT jobs; --";

        var result = await influx.QueryAsync(new InfluxQuery("SELECT \"value\" FROM jobs WHERE area = $area", new Dictionary<string, object> { ["area"] = hostile }));

        Assert.Empty(result);
        Assert.Equal(new double[] { 100 }, await ValuesAsync(influx, "jobs"));
    }

    [Fact]
    public async Task QueryAsync_SyntaxError_ThrowsWithInfluxMessage()
    {
        var influx = await InfluxTestClient.CreateAsync(servers.Influx);

        var error = await Assert.ThrowsAsync<InfluxException>(() => influx.QueryAsync(new InfluxQuery("SELEKT nothing")));

        Assert.Contains("SELEKT", error.Message);
    }

    [Fact]
    public async Task EnsureDatabaseAsync_NewDatabase_HasLongShards()
    {
        var influx = await InfluxTestClient.CreateAsync(servers.Influx);

        var policies = await influx.QueryAsync(new InfluxQuery($"SHOW RETENTION POLICIES ON {InfluxQl.Identifier(influx.Database)}"));

        var policy = Assert.Single(Assert.Single(policies).Rows);
        Assert.Equal("0s", policy.GetString("duration"));
        Assert.Equal("873600h0m0s", policy.GetString("shardGroupDuration")); // 5200 weeks × 168 h
    }

    private static InfluxPoint Point(string measurement, string area, double value, DateTimeOffset time) =>
        new(measurement, [KeyValuePair.Create("area", area)], [KeyValuePair.Create("value", FieldValue.Float(value))], time);

    private static async Task<double[]> ValuesAsync(InfluxClient influx, string measurement)
    {
        var series = await influx.QueryAsync(new InfluxQuery($"SELECT \"value\" FROM {InfluxQl.Identifier(measurement)}"));
        return [.. series.SelectMany(s => s.Rows).Select(r => r.GetDouble("value")!.Value).Order()];
    }
}
