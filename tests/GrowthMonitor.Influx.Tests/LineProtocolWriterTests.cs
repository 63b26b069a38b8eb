using System.Text;

namespace GrowthMonitor.Influx.Tests;

public sealed class LineProtocolWriterTests
{
    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1_704_067_200); // 2024-01-01T00:00:00Z

    [Fact]
    public void Write_PlainPoint_OneLineWithMillisecondTimestamp()
    {
        var line = Serialize(new InfluxPoint("jobs", [Tag("area", "615"), Tag("table", "ERHV2")], [Field("value", FieldValue.Float(41_250))], Time));

        Assert.Equal("jobs,area=615,table=ERHV2 value=41250 1704067200000\n", line);
    }

    [Fact]
    public void Write_SpecialCharacters_EscapedPerPosition()
    {
        var point = new InfluxPoint(
            "my meas,=x",
            [Tag("tag key,=", "tag value,= x")],
            [Field("field key,= ", FieldValue.String("say \"hi\" \\ æ\n🚀"))],
            Time);

        // Measurement escapes comma and space only; keys and tag values also escape '='; strings escape '"' and '\'.
        Assert.Equal("my\\ meas\\,=x,tag\\ key\\,\\==tag\\ value\\,\\=\\ x field\\ key\\,\\=\\ =\"say \\\"hi\\\" \\\\ æ\n🚀\" 1704067200000\n", Serialize(point));
    }

    [Fact]
    public void Write_LiteralBackslashes_LeftAsIs()
    {
        var line = Serialize(new InfluxPoint(@"m\x", [Tag("t", @"a\b"), Tag("u", @"c\,d")], [Field("v", FieldValue.Float(1))], Time));

        Assert.Equal("m\\x,t=a\\b,u=c\\\\,d v=1 1704067200000\n", line);
    }

    [Fact]
    public void Write_FieldTypes_EachInItsOwnSyntax()
    {
        var line = Serialize(new InfluxPoint(
            "m",
            [],
            [Field("f", FieldValue.Float(0.1)), Field("big", FieldValue.Float(1e21)), Field("i", FieldValue.Integer(-7)), Field("b", FieldValue.Boolean(false)), Field("s", FieldValue.String(""))],
            Time));

        Assert.Equal("m f=0.1,big=1E+21,i=-7i,b=false,s=\"\" 1704067200000\n", line);
    }

    [Theory]
    [InlineData("", "615", "measurement is empty")]
    [InlineData("jobs", "", "value of tag 'area' is empty")]
    [InlineData("jobs", "6\n15", "contains a line break")]
    [InlineData("jobs", "615\\", "ends with a backslash")]
    [InlineData("#jobs", "615", "comment")]
    public void Write_UnrepresentableName_RefusedWithReason(string measurement, string area, string reason)
    {
        var writer = new LineProtocolWriter();

        var error = Assert.Throws<InvalidPointException>(() => writer.Write(new InfluxPoint(measurement, [Tag("area", area)], [Field("value", FieldValue.Float(1))], Time)));

        Assert.Contains(reason, error.Message);
        Assert.Equal(0, writer.PointCount);
        Assert.True(writer.WrittenMemory.IsEmpty);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Write_NonFiniteFloat_Refused(double value)
    {
        var error = Assert.Throws<InvalidPointException>(() => new LineProtocolWriter().Write(new InfluxPoint("jobs", [], [Field("value", FieldValue.Float(value))], Time)));

        Assert.Contains("finite", error.Message);
    }

    [Fact]
    public void Write_TimeAsKey_Refused()
    {
        Assert.Throws<InvalidPointException>(() => new LineProtocolWriter().Write(new InfluxPoint("jobs", [Tag("time", "x")], [Field("value", FieldValue.Float(1))], Time)));
        Assert.Throws<InvalidPointException>(() => new LineProtocolWriter().Write(new InfluxPoint("jobs", [], [Field("time", FieldValue.Float(1))], Time)));
    }

    [Fact]
    public void Write_NoFields_Refused()
    {
        Assert.Throws<InvalidPointException>(() => new LineProtocolWriter().Write(new InfluxPoint("jobs", [Tag("area", "615")], [], Time)));
    }

    [Fact]
    public void Clear_AfterWrites_StartsAnEmptyBatch()
    {
        var writer = new LineProtocolWriter();
        writer.Write(new InfluxPoint("a", [], [Field("v", FieldValue.Float(1))], Time));

        writer.Clear();
        writer.Write(new InfluxPoint("b", [], [Field("v", FieldValue.Float(2))], Time));

        Assert.Equal(1, writer.PointCount);
        Assert.Equal("b v=2 1704067200000\n", Encoding.UTF8.GetString(writer.WrittenMemory.Span));
    }

    private static string Serialize(InfluxPoint point)
    {
        var writer = new LineProtocolWriter();
        writer.Write(point);
        return Encoding.UTF8.GetString(writer.WrittenMemory.Span);
    }

    private static KeyValuePair<string, string> Tag(string key, string value) => KeyValuePair.Create(key, value);

    private static KeyValuePair<string, FieldValue> Field(string key, FieldValue value) => KeyValuePair.Create(key, value);
}
