using GrowthMonitor.Presentation;

namespace GrowthMonitor.IntegrationTests.Presentation;

/// <summary>Numbers as Danes write them, read back exactly, and everything else refused with a way to write it. No servers.</summary>
public sealed class DanishNumberTests
{
    [Theory]
    [InlineData("1.000", 1000)]
    [InlineData("1.234,5", 1234.5)]
    [InlineData("1.234,0", 1234)]
    [InlineData("41.900", 41900)]
    [InlineData("41900", 41900)]
    [InlineData("1234", 1234)]
    [InlineData("12,5", 12.5)]
    [InlineData("-12,5", -12.5)]
    [InlineData("-1.000", -1000)]
    [InlineData("0,25", 0.25)]
    [InlineData("1.234.567,891", 1234567.891)]
    [InlineData("0", 0)]
    [InlineData(" 118 ", 118)]
    public void TryParseNumber_AsDanesWriteIt_TheNumber(string text, double expected)
    {
        Assert.True(Danish.TryParseNumber(text, out var value, out var problem), problem);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1.5", "is ambiguous: write 1,5 if the point is a decimal mark, or 1.500 if it separates thousands")]
    [InlineData("12.34", "is ambiguous: write 12,34 if the point is a decimal mark, or 12.340 if it separates thousands")]
    [InlineData("-0.5", "is not a number as Danes write it: a point separates thousands in groups of three digits; write -0,5 for a decimal number")]
    [InlineData("0.500", "is not a number as Danes write it: a point separates thousands in groups of three digits; write 0,500 for a decimal number")]
    [InlineData("1.2345", "is not a number as Danes write it: a point separates thousands in groups of three digits; write 1,2345 for a decimal number")]
    [InlineData("1234.567", "is not a number as Danes write it: a point separates thousands in groups of three digits; write 1234,567 for a decimal number")]
    public void TryParseNumber_PointThatCouldBeADecimalMark_RefusedSayingHowToWriteIt(string text, string expected)
    {
        Assert.False(Danish.TryParseNumber(text, out _, out var problem));
        Assert.Equal(expected, problem);
    }

    [Theory]
    [InlineData("1,2,3")]
    [InlineData("1.000.00")]
    [InlineData("1..000")]
    [InlineData("1.000,")]
    [InlineData(",5")]
    [InlineData("1 000")]
    [InlineData("1\u00A0000")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e5")]
    [InlineData("+5")]
    [InlineData("--5")]
    [InlineData("-")]
    [InlineData("5-")]
    [InlineData("0x10")]
    [InlineData("١٢")]
    [InlineData("mange")]
    [InlineData("12345678901234567890123456789012345678901")]
    public void TryParseNumber_Malformed_RefusedWithExamples(string text)
    {
        Assert.False(Danish.TryParseNumber(text, out _, out var problem));
        Assert.Equal("is not a number as Danes write it, such as 1234, 1.234, 1.234,5 or -12,5", problem);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void TryParseNumber_Nothing_Empty(string? text)
    {
        Assert.False(Danish.TryParseNumber(text, out _, out var problem));
        Assert.Equal("is empty", problem);
    }

    [Theory]
    [InlineData(41900, "41.900")]
    [InlineData(-12.5, "-12,5")]
    [InlineData(1234567.5, "1.234.568")]
    [InlineData(0.25, "0,3")]
    public void TryParseNumber_WhatNumberWrites_ReadBackAsShown(double figure, string shown)
    {
        var text = Danish.Number(figure);

        Assert.Equal(shown, text);
        Assert.True(Danish.TryParseNumber(text, out var value, out _));
        Assert.Equal(text, Danish.Number(value));
    }

    [Theory]
    [InlineData(41900)]
    [InlineData(-12.5)]
    [InlineData(0.25)]
    [InlineData(1234567.89)]
    public void TryParseNumber_WhatAmountWritesOrAPlainDanishNumber_ReadBackExactly(double figure)
    {
        Assert.True(Danish.TryParseNumber(Danish.Amount(figure), out var grouped, out _));
        Assert.True(Danish.TryParseNumber(figure.ToString(Danish.Culture), out var plain, out _));

        Assert.Equal((figure, figure), (grouped, plain));
    }
}
