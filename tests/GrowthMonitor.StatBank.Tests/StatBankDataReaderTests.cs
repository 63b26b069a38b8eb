using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace GrowthMonitor.StatBank.Tests;

public class StatBankDataReaderTests
{
    private const string Body = "OMRÅDE;TID;INDHOLD\n615;2023;44890\n657;2023;..\n";

    [Theory]
    [InlineData(true, "\r\n")]
    [InlineData(true, "\n")]
    [InlineData(false, "\r\n")]
    [InlineData(false, "\n")]
    public async Task ReadAsync_BomAndLineEndVariants_YieldSameRows(bool bom, string newline)
    {
        var rows = await ReadAllAsync(Body.Replace("\n", newline, StringComparison.Ordinal), bom);

        Assert.Equal(["OMRÅDE", "TID"], rows[0].Header.Variables);
        Assert.Equal(2, rows.Count);
        Assert.Equal(["615", "2023"], rows[0].Codes);
        Assert.Equal(44890m, rows[0].Value);
        Assert.Equal(["657", "2023"], rows[1].Codes);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("")]
    public async Task ReadAsync_MissingMarker_GivesNullValue(string cell)
    {
        var rows = await ReadAllAsync($"OMRÅDE;TID;INDHOLD\r\n615;2023;{cell}\r\n");

        Assert.Null(Assert.Single(rows).Value);
    }

    [Theory]
    [InlineData("12,5", "12.5")]
    [InlineData("12.5", "12.5")]
    [InlineData("-3", "-3")]
    [InlineData("0,05", "0.05")]
    [InlineData("233454", "233454")]
    public async Task ReadAsync_DecimalCommaOrPoint_ParsesTheNumber(string cell, string expected)
    {
        var rows = await ReadAllAsync($"OMRÅDE;TID;INDHOLD\r\n615;2023;{cell}\r\n");

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Assert.Single(rows).Value);
    }

    [Theory]
    [InlineData("1.234,5")]
    [InlineData("1,234,5")]
    [InlineData("12 345")]
    [InlineData("abc")]
    [InlineData("1e3")]
    public async Task ReadAsync_UnparsableValue_ThrowsFormatExceptionWithLine(string cell)
    {
        var error = await Assert.ThrowsAsync<StatBankFormatException>(() => ReadAllAsync($"OMRÅDE;TID;INDHOLD\r\n615;2022;1\r\n615;2023;{cell}\r\n"));

        Assert.Equal(3, error.LineNumber);
        Assert.Contains(cell, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("615;44890")]
    [InlineData("615;2023;TOT;44890")]
    [InlineData("")]
    public async Task ReadAsync_WrongCellCount_ThrowsFormatExceptionWithLine(string line)
    {
        var error = await Assert.ThrowsAsync<StatBankFormatException>(() => ReadAllAsync($"OMRÅDE;TID;INDHOLD\r\n{line}\r\n"));

        Assert.Equal(2, error.LineNumber);
        Assert.Contains("the header has 3", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("", true)]
    public async Task ReadAsync_EmptyBody_ThrowsFormatExceptionCutOff(string body, bool bom)
    {
        var error = await Assert.ThrowsAsync<StatBankFormatException>(() => ReadAllAsync(body, bom));

        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
        Assert.True(error.CutOff);
    }

    [Fact]
    public async Task ReadAsync_HeaderWithoutIndhold_ThrowsFormatException()
    {
        var error = await Assert.ThrowsAsync<StatBankFormatException>(() => ReadAllAsync("OMRÅDE;TID;VÆRDI\r\n615;2023;1\r\n"));

        Assert.Contains("no INDHOLD column", error.Message, StringComparison.Ordinal);
        Assert.False(error.CutOff);
    }

    [Theory]
    [InlineData("OMRÅDE;TID;INDHOLD\r\n615;2023;44890\r\n657;2023;5", 3)]
    [InlineData("OMRÅDE;TID;INDHOLD\r\n615;2023;44890\r", 2)]
    [InlineData("OMRÅDE;TID;IND", 1)]
    public async Task ReadAsync_BodyCutOffInsideALine_ThrowsFormatException(string body, int line)
    {
        var error = await Assert.ThrowsAsync<StatBankFormatException>(() => ReadAllAsync(body));

        Assert.Equal(line, error.LineNumber);
        Assert.Contains("cut off", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_HeaderOnly_YieldsNoRows() => Assert.Empty(await ReadAllAsync("OMRÅDE;TID;INDHOLD\r\n"));

    [Fact]
    public async Task ReadAsync_ValueColumnNotLast_ReadsItByName()
    {
        var row = Assert.Single(await ReadAllAsync("INDHOLD;OMRÅDE;TID\r\n7;615;2023\r\n"));

        Assert.Equal(["OMRÅDE", "TID"], row.Header.Variables);
        Assert.Equal(["615", "2023"], row.Codes);
        Assert.Equal(7m, row.Value);
    }

    [Fact]
    public async Task Header_IdsInOtherCase_AreFoundIgnoringCase()
    {
        var row = Assert.Single(await ReadAllAsync("OMRÅDE;TID;INDHOLD\r\n615;2023;1\r\n"));

        Assert.Equal(1, row.Header.IndexOf("Tid"));
        Assert.Equal(0, row.Header.IndexOf("område"));
        Assert.Equal(-1, row.Header.IndexOf("KØN"));
        Assert.Equal("2023", row["Tid"]);
        Assert.Throws<KeyNotFoundException>(() => row["KØN"]);
    }

    [Fact]
    public async Task ReadAsync_RepeatedCodes_ShareOneStringInstance()
    {
        var rows = await ReadAllAsync("OMRÅDE;TID;INDHOLD\r\n615;2022;1\r\n615;2023;2\r\n");

        Assert.Same(rows[0].Codes[0], rows[1].Codes[0]);
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8_ThrowsFormatExceptionOfABrokenTransfer()
    {
        var body = Encoding.UTF8.GetBytes("OMRÅDE;TID;INDHOLD\r\n6x5;2023;1\r\n");
        body[Array.IndexOf(body, (byte)'x')] = 0xC3;

        var error = await Assert.ThrowsAsync<StatBankFormatException>(() => ReadAllAsync(body));

        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
        // Statistics Denmark answers in UTF-8: other bytes come from a damaged chunk, worth fetching again.
        Assert.True(StatBankTransientErrors.IsBrokenBody(error));
    }

    [Fact]
    public async Task ReadAsync_StreamBreaks_PropagatesTheIOException()
    {
        var body = new BreakingStream("OMRÅDE;TID;INDHOLD\r\n615;2023;1\r\n"u8.ToArray());

        await Assert.ThrowsAsync<HttpIOException>(async () =>
        {
            await foreach (var _ in StatBankDataReader.ReadAsync(body))
            {
            }
        });
    }

    [Fact]
    public async Task ReadAsync_NoBytesForIdleTimeout_ThrowsTimeoutException()
    {
        var time = new FakeTimeProvider();
        var body = new StalledStream();
        var reading = Task.Run(async () =>
        {
            await foreach (var _ in StatBankDataReader.ReadAsync(body, TimeSpan.FromSeconds(30), time, CancellationToken.None))
            {
            }
        });
        await body.ReadStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        time.Advance(TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => reading.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(StatBankTransientErrors.IsBrokenBody(error));
    }

    [Fact]
    public async Task ReadAsync_LargeBody_YieldsTheFirstRowBeforeReadingMuchOfIt()
    {
        await using var body = TestSupport.LargeTable.Body(rows: 1_000_000);

        await using var rows = StatBankDataReader.ReadAsync(body).GetAsyncEnumerator();
        Assert.True(await rows.MoveNextAsync());

        Assert.Equal(["101", "TOT", "2000M01"], rows.Current.Codes);
        Assert.InRange(body.BytesProduced, 1, 256 * 1024);
    }

    private static Task<List<DataRow>> ReadAllAsync(string body, bool bom = true) =>
        ReadAllAsync([.. bom ? Encoding.UTF8.Preamble : [], .. Encoding.UTF8.GetBytes(body)]);

    private static async Task<List<DataRow>> ReadAllAsync(byte[] body)
    {
        var rows = new List<DataRow>();
        await foreach (var row in StatBankDataReader.ReadAsync(new MemoryStream(body)))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Gives its bytes, then fails the way a broken chunked response does.</summary>
    private sealed class BreakingStream(byte[] start) : MemoryStream(start)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position < Length
                ? base.ReadAsync(buffer, cancellationToken)
                : throw new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely.");
    }

    /// <summary>Never delivers a byte, like a server that stalls mid-response.</summary>
    private sealed class StalledStream : MemoryStream
    {
        public TaskCompletionSource ReadStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            ReadStarted.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }
    }
}
