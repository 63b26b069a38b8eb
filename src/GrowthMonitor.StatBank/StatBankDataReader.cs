using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace GrowthMonitor.StatBank;

/// <summary>
/// Streams the rows of a BULK or CSV data body (UTF-8 with or without BOM, CRLF or LF, <c>;</c>-separated, a header
/// of variable ids and a value column <c>INDHOLD</c>). Memory stays the size of the read buffer and the per-column
/// code caches whatever the number of rows; each row costs one small array.
/// </summary>
public static class StatBankDataReader
{
    private const int InitialBufferSize = 64 * 1024;
    private const int MaxLineLength = 1024 * 1024;

    /// <exception cref="StatBankFormatException">The body is malformed or cut off (see the exception).</exception>
    public static IAsyncEnumerable<DataRow> ReadAsync(Stream body, CancellationToken cancellationToken = default) =>
        ReadAsync(body, Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);

    // idleTimeout: how long one read may wait for bytes before a TimeoutException. A streamed response is outside
    // the HTTP pipeline's timeouts, and a stalled server must not hang the caller.
    internal static async IAsyncEnumerable<DataRow> ReadAsync(
        Stream body,
        TimeSpan idleTimeout,
        TimeProvider timeProvider,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, timeProvider);
        using var readCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        var parser = new DataLineParser();
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        var (start, end) = (0, 0);
        try
        {
            while (true)
            {
                var lineLength = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (lineLength >= 0)
                {
                    var isRow = parser.TryParseLine(buffer.AsSpan(start, lineLength), out var row);
                    start += lineLength + 1;
                    if (isRow)
                    {
                        yield return row;
                    }

                    continue;
                }

                buffer.AsSpan(start, end - start).CopyTo(buffer);
                (start, end) = (0, end - start);
                if (end == buffer.Length)
                {
                    buffer = Grow(buffer, end, parser.LineNumber + 1);
                }

                int read;
                idle.CancelAfter(idleTimeout);
                try
                {
                    read = await body.ReadAsync(buffer.AsMemory(end), readCancellation.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException e) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"No data arrived for {idleTimeout.TotalSeconds:0.###} s while reading line {parser.LineNumber + 1}.", e);
                }

                idle.CancelAfter(Timeout.InfiniteTimeSpan);
                if (read == 0)
                {
                    parser.Complete(buffer.AsSpan(0, end));
                    yield break;
                }

                end += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] Grow(byte[] buffer, int used, long lineNumber)
    {
        if (buffer.Length >= MaxLineLength)
        {
            throw new StatBankFormatException($"Line {lineNumber} is longer than {MaxLineLength} bytes.", lineNumber);
        }

        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, used).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }
}

/// <summary>Turns complete lines (without the line feed) into rows; the first line is the header.</summary>
internal sealed class DataLineParser
{
    private const int MaxCachedCodesPerVariable = 10_000;
    private const int MaxStackChars = 256;
    private const int MaxExcerptChars = 60;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private DataHeader? header;
    private int valueColumn;
    private Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>>[] codeCaches = [];

    /// <summary>The number of lines read so far.</summary>
    public long LineNumber { get; private set; }

    /// <returns>True when the line was a data row; false for the header.</returns>
    public bool TryParseLine(ReadOnlySpan<byte> line, out DataRow row)
    {
        LineNumber++;
        if (line.EndsWith((byte)'\r'))
        {
            line = line[..^1];
        }

        try
        {
            if (header is null)
            {
                ReadHeader(line);
                row = default;
                return false;
            }

            row = ReadRow(line, header);
            return true;
        }
        catch (DecoderFallbackException e)
        {
            throw new StatBankFormatException($"Line {LineNumber} is not valid UTF-8.", LineNumber, e) { CutOff = true };
        }
    }

    /// <summary>
    /// Checks what is left when the body ends. Every line of a data body, the header too, ends in a line break, so a body
    /// that ends without one (or with nothing at all) was cut off.
    /// </summary>
    public void Complete(ReadOnlySpan<byte> rest)
    {
        if (header is null && (rest.IsEmpty || rest.SequenceEqual(Encoding.UTF8.Preamble)))
        {
            throw new StatBankFormatException("The body is empty; expected a header line such as OMRÅDE;TID;INDHOLD.") { CutOff = true };
        }

        if (!rest.IsEmpty)
        {
            throw new StatBankFormatException(
                $"The body ends inside line {LineNumber + 1} (no final line break): the response was cut off.", LineNumber + 1) { CutOff = true };
        }
    }

    private void ReadHeader(ReadOnlySpan<byte> line)
    {
        var columns = StrictUtf8.GetString(line.StartsWith(Encoding.UTF8.Preamble) ? line[3..] : line).Split(';');
        valueColumn = Array.FindIndex(columns, column => column.Equals("INDHOLD", StringComparison.OrdinalIgnoreCase));
        if (valueColumn < 0)
        {
            throw new StatBankFormatException(
                $"The header '{Excerpt(string.Join(';', columns))}' has no INDHOLD column; is this a BULK or CSV body?", LineNumber);
        }

        header = new DataHeader([.. columns[..valueColumn], .. columns[(valueColumn + 1)..]]);
        codeCaches = [.. header.Variables.Select(_ => new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>())];
    }

    private DataRow ReadRow(ReadOnlySpan<byte> line, DataHeader rowHeader)
    {
        var codes = new string[rowHeader.Variables.Count];
        var cellCount = line.Count((byte)';') + 1;
        if (cellCount != codes.Length + 1)
        {
            throw new StatBankFormatException(
                $"Line {LineNumber} has {cellCount} cells; the header has {codes.Length + 1}.", LineNumber);
        }

        decimal? value = null;
        var column = 0;
        for (var cellIndex = 0; cellIndex < cellCount; cellIndex++)
        {
            var separator = line.IndexOf((byte)';');
            var cell = separator < 0 ? line : line[..separator];
            if (cellIndex == valueColumn)
            {
                value = ParseValue(cell);
            }
            else
            {
                codes[column] = Intern(column, cell);
                column++;
            }

            line = line[(separator + 1)..];
        }

        return new DataRow(rowHeader, codes, value);
    }

    // Area, period and other codes repeat on every row: share one string per distinct code.
    private string Intern(int column, ReadOnlySpan<byte> cell)
    {
        if (cell.Length > MaxStackChars)
        {
            return StrictUtf8.GetString(cell);
        }

        Span<char> chars = stackalloc char[MaxStackChars];
        var text = chars[..StrictUtf8.GetChars(cell, chars)];
        var cache = codeCaches[column];
        if (cache.TryGetValue(text, out var code))
        {
            return code;
        }

        code = new string(text);
        if (cache.Dictionary.Count < MaxCachedCodesPerVariable)
        {
            cache.Dictionary.Add(code, code);
        }

        return code;
    }

    private decimal? ParseValue(ReadOnlySpan<byte> cell)
    {
        if (cell.IsEmpty || cell.SequenceEqual(".."u8))
        {
            return null;
        }

        // Danish output writes 12,5; English 12.5. Neither uses a thousands separator.
        Span<byte> withPoint = stackalloc byte[64];
        scoped var number = cell;
        var comma = cell.IndexOf((byte)',');
        if (comma >= 0 && cell.Length <= withPoint.Length)
        {
            cell.CopyTo(withPoint);
            withPoint[comma] = (byte)'.';
            number = withPoint[..cell.Length];
        }

        return decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new StatBankFormatException(
                $"Line {LineNumber}: '{Excerpt(StrictUtf8.GetString(cell))}' in INDHOLD is neither a number nor the missing marker '..'.", LineNumber);
    }

    /// <summary>
    /// The start of a text the body brought, for a message: a line of junk can be a megabyte long, and the message
    /// ends up in the log and in the run log.
    /// </summary>
    private static string Excerpt(string text) => text.Length <= MaxExcerptChars ? text : $"{text[..MaxExcerptChars]}… ({text.Length} characters)";
}
