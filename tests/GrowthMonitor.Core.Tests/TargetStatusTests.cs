using System.Text.Json;

namespace GrowthMonitor.Core.Tests;

public sealed class TargetStatusTests
{
    [Theory]
    [InlineData(TargetStatus.OnTrack, "on_track")]
    [InlineData(TargetStatus.AtRisk, "at_risk")]
    [InlineData(TargetStatus.OffTrack, "off_track")]
    [InlineData(TargetStatus.NoData, "no_data")]
    public void ToWireString_Status_SnakeCaseAndSameInJson(TargetStatus status, string wire)
    {
        Assert.Equal(wire, status.ToWireString());
        Assert.Equal($"\"{wire}\"", JsonSerializer.Serialize(status));
        Assert.Equal(status, JsonSerializer.Deserialize<TargetStatus>($"\"{wire}\""));
        Assert.True(TargetStatusWire.TryParse(wire, out var parsed));
        Assert.Equal(status, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("OnTrack")]
    [InlineData("on-track")]
    [InlineData("")]
    public void TryParse_NotWireString_False(string? text) => Assert.False(TargetStatusWire.TryParse(text, out _));

    [Fact]
    public void Deserialize_Number_JsonException() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TargetStatus>("1"));

    [Fact]
    public void Serialize_Evaluation_CodesAndWireStrings()
    {
        var evaluation = new TargetEvaluation(
            "horsens-jobs", TargetStatus.AtRisk, Period.Parse("2023K3"), 1085, 1100, 1000, -15, 0.85,
            new Projection(1300, Period.Parse("2030K3"), Period.Parse("2026K3"), 50, 2080), null);

        var json = JsonSerializer.Serialize(evaluation, JsonSerializerOptions.Web);

        Assert.Equal(
            """{"targetId":"horsens-jobs","status":"at_risk","evaluatedPeriod":"2023K3","actual":1085,"expected":1100,"baseline":1000,"gap":-15,"progress":0.85,"projection":{"projectedAtEnd":1300,"at":"2030K3","reachedIn":"2026K3","slope":50,"searchUntilYear":2080},"reason":null,"reasonCode":null}""",
            json);
    }
}
