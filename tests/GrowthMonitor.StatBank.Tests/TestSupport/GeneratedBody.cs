using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace GrowthMonitor.StatBank.Tests.TestSupport;

/// <summary>
/// A BULK body of any number of rows, made while it is read and without allocating, so a test of a huge response
/// measures only what the code under test holds and allocates. <see cref="BytesProduced"/> shows how far the
/// reader has pulled.
/// </summary>
internal sealed class GeneratedBody(int rows) : Stream
{
    private const int RowsPerChunk = 256;
    private readonly byte[] chunk = new byte[RowsPerChunk * 32];
    private byte[] pending = Encoding.UTF8.GetBytes("\uFEFFOMRÅDE;BRANCHE07;TID;INDHOLD\r\n");
    private int pendingLength = Encoding.UTF8.GetByteCount("\uFEFFOMRÅDE;BRANCHE07;TID;INDHOLD\r\n");
    private int offset;
    private int row;

    public long BytesProduced { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => BytesProduced; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (offset == pendingLength && row < rows)
        {
            Refill();
        }

        var read = Math.Min(buffer.Length, pendingLength - offset);
        pending.AsSpan(offset, read).CopyTo(buffer);
        offset += read;
        BytesProduced += read;
        return read;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    // 100 areas (101-200) × consecutive months from 2000M01; every fourth figure has a decimal comma.
    // Utf8Formatter, unlike string interpolation, formats without allocating.
    private void Refill()
    {
        var written = 0;
        for (var i = 0; i < RowsPerChunk && row < rows; i++, row++)
        {
            var month = row / 100;
            var line = chunk.AsSpan(written);
            Utf8Formatter.TryFormat(101 + (row % 100), line, out var length);
            length += Append(line[length..], ";TOT;"u8);
            Utf8Formatter.TryFormat(2000 + (month / 12), line[length..], out var year);
            length += year + Append(line[(length + year)..], "M"u8);
            Utf8Formatter.TryFormat((month % 12) + 1, line[length..], out var monthDigits, new StandardFormat('D', 2));
            length += monthDigits;
            length += Append(line[length..], row % 4 == 0 ? ";1234,5\r\n"u8 : ";987654\r\n"u8);
            written += length;
        }

        (pending, pendingLength, offset) = (chunk, written, 0);
    }

    private static int Append(Span<byte> destination, ReadOnlySpan<byte> text)
    {
        text.CopyTo(destination);
        return text.Length;
    }
}
