using System.Text.Json;

namespace GrowthMonitor.Core.Tests;

public sealed class WireNamesTests
{
    [Theory]
    [InlineData(TargetStatus.OnTrack, "on_track")]
    [InlineData(TargetStatus.AtRisk, "at_risk")]
    [InlineData(TargetStatus.OffTrack, "off_track")]
    [InlineData(TargetStatus.NoData, "no_data")]
    public void WireStatus_EveryStatus_SnakeCaseAndSameInJson(TargetStatus status, string wire) => AssertWireName(Wire.Status, status, wire);

    [Theory]
    [InlineData(TargetKind.AnnualIncrease, "annual-increase")]
    [InlineData(TargetKind.PercentGrowth, "percent-growth")]
    [InlineData(TargetKind.Level, "level")]
    [InlineData(TargetKind.Relative, "relative")]
    public void WireKind_EveryKind_KebabCaseAndSameInJson(TargetKind kind, string wire) => AssertWireName(Wire.Kind, kind, wire);

    [Theory]
    [InlineData(Direction.Up, "up")]
    [InlineData(Direction.Down, "down")]
    public void WireDirection_EveryDirection_LowerCaseAndSameInJson(Direction direction, string wire) => AssertWireName(Wire.Direction, direction, wire);

    [Theory]
    [InlineData(Frequency.Year, "year")]
    [InlineData(Frequency.HalfYear, "half-year")]
    [InlineData(Frequency.Quarter, "quarter")]
    [InlineData(Frequency.Month, "month")]
    public void WireFrequency_EveryFrequency_KebabCaseAndSameInJson(Frequency frequency, string wire) => AssertWireName(Wire.Frequency, frequency, wire);

    [Theory]
    [InlineData(null)]
    [InlineData("OnTrack")]
    [InlineData("on-track")]
    [InlineData("ON_TRACK")]
    [InlineData("0")]
    [InlineData("")]
    public void TryParse_NotWireName_False(string? text) => Assert.False(Wire.Status.TryParse(text, out _));

    [Fact]
    public void All_Kinds_InDeclarationOrder() =>
        Assert.Equal(["annual-increase", "percent-growth", "level", "relative", "yearly-goal"], Wire.Kind.All);

    [Fact]
    public void Deserialize_Number_JsonException() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TargetStatus>("1"));

    [Fact]
    public void Serialize_Evaluation_CodesAndWireStrings()
    {
        var evaluation = new TargetEvaluation(
            "horsens-jobs", TargetStatus.AtRisk, Period.Parse("2023K3"), 1085, 1100, 1000, -15, 0.85,
            new Projection(1300, Period.Parse("2030K3"), Period.Parse("2026K3"), 50, 2080), null)
        {
            Pace = new RequiredPace(1350, Period.Parse("2030K3"), 37.5, 3.2),
        };

        var json = JsonSerializer.Serialize(evaluation, JsonSerializerOptions.Web);

        Assert.Equal(
            """{"targetId":"horsens-jobs","status":"at_risk","evaluatedPeriod":"2023K3","actual":1085,"expected":1100,"baseline":1000,"gap":-15,"progress":0.85,"projection":{"projectedAtEnd":1300,"at":"2030K3","reachedIn":"2026K3","slope":50,"searchUntilYear":2080},"reason":null,"reasonCode":null,"missing":null,"fetchFailure":null,"pace":{"goal":1350,"by":"2030K3","perYear":37.5,"percentPerYear":3.2},"judgedAt":null}""",
            json);
    }

    private static void AssertWireName<TEnum>(WireNames<TEnum> names, TEnum value, string wire)
        where TEnum : struct, Enum
    {
        Assert.Equal(wire, names.Of(value));
        Assert.Equal($"\"{wire}\"", JsonSerializer.Serialize(value));
        Assert.Equal(value, JsonSerializer.Deserialize<TEnum>($"\"{wire}\""));
        Assert.True(names.TryParse(wire, out var parsed));
        Assert.Equal(value, parsed);
    }
}
