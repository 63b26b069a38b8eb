using System.Buffers.Text;
using System.Text;

namespace GrowthMonitor.TestSupport;

/// <summary>
/// A data body (BULK or CSV with codes) made row by row while it is read, period by period and every area within a
/// period, without allocating per row: a body of millions of rows costs one buffer, whether the fake sends it or a
/// test reads it directly to measure only what the code under test allocates. <see cref="BytesProduced"/> shows how
/// far a reader has pulled.
/// </summary>
public sealed class TableBody : Stream
{
    private const int BufferBytes = 64 * 1024;

    /// <summary>A decimal in general format: up to 29 digits, a sign and a decimal separator.</summary>
    private const int MaxFigureBytes = 32;

    private readonly IReadOnlyList<string> areas;
    private readonly IReadOnlyList<string> periods;
    private readonly Func<string, string, decimal?> values;

    // Each row is "<area>;<pinned values>;<period>;<figure>\r\n": the code cells are encoded once, not per row.
    private readonly byte[][] areaCells;
    private readonly byte[][] periodCells;
    private readonly int maxRowBytes;
    private readonly byte[] chunk;
    private int filled;
    private int taken;
    private int area;
    private int period;

    internal TableBody(byte[] header, IReadOnlyList<string> areas, IReadOnlyList<string> pinned, IReadOnlyList<string> periods, Func<string, string, decimal?> values)
    {
        this.areas = areas;
        this.periods = periods;
        this.values = values;
        var pinnedCells = string.Concat(pinned.Select(value => value + ";"));
        areaCells = [.. areas.Select(code => Encoding.UTF8.GetBytes($"{code};{pinnedCells}"))];
        periodCells = [.. periods.Select(code => Encoding.UTF8.GetBytes($"{code};"))];
        maxRowBytes = areaCells.Select(cell => cell.Length).DefaultIfEmpty().Max() + periodCells.Select(cell => cell.Length).DefaultIfEmpty().Max() + MaxFigureBytes + 2;
        chunk = new byte[Math.Max(BufferBytes, header.Length + maxRowBytes)];
        header.CopyTo(chunk, 0);
        filled = header.Length;
        // No areas, no rows: start past the last period.
        period = areas.Count == 0 ? periods.Count : 0;
    }

    public long BytesProduced { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => BytesProduced; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (taken == filled)
        {
            Refill();
        }

        var read = Math.Min(buffer.Length, filled - taken);
        chunk.AsSpan(taken, read).CopyTo(buffer);
        taken += read;
        BytesProduced += read;
        return read;
    }

    // Every read completes at once, so a reader's loop stays on its thread (and its allocation counter sees all).
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void Refill()
    {
        (filled, taken) = (0, 0);
        while (period < periods.Count && chunk.Length - filled >= maxRowBytes)
        {
            filled += WriteRow(chunk.AsSpan(filled));
            if (++area == areas.Count)
            {
                (area, period) = (0, period + 1);
            }
        }
    }

    private int WriteRow(Span<byte> row)
    {
        var written = Append(row, areaCells[area]);
        written += Append(row[written..], periodCells[period]);
        if (values(areas[area], periods[period]) is { } figure)
        {
            // Utf8Formatter formats without allocating; Statistics Denmark writes a decimal comma.
            Utf8Formatter.TryFormat(figure, row[written..], out var digits);
            row.Slice(written, digits).Replace((byte)'.', (byte)',');
            written += digits;
        }
        else
        {
            written += Append(row[written..], ".."u8);
        }

        return written + Append(row[written..], "\r\n"u8);
    }

    private static int Append(Span<byte> destination, ReadOnlySpan<byte> cell)
    {
        cell.CopyTo(destination);
        return cell.Length;
    }
}
