namespace GrowthMonitor.StatBank.Tests;

/// <summary>
/// Memory, not speed: speed is measured side by side with its baseline in the benchmark project, never in a test.
/// </summary>
public class StatBankDataReaderAllocationTests
{
    private const int Rows = 1_000_000;

    [Fact]
    public void ReadAsync_MillionRows_SmallConstantAllocationPerRow()
    {
        ReadAll(20_000);
        GC.Collect();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        var (count, sum) = ReadAll(Rows);

        var allocatedPerRow = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)Rows;
        Assert.Equal(Rows, count);
        Assert.Equal((250_000 * 1234.5m) + (750_000 * 987654m), sum);
        // One small code array per row (48 bytes here); the buffer and the shared code strings do not grow with
        // the body, so peak memory does not depend on the number of rows.
        Assert.True(allocatedPerRow < 64, $"{allocatedPerRow:0} bytes allocated per row");
    }

    private static (int Count, decimal Sum) ReadAll(int rows)
    {
        using var body = TestSupport.LargeTable.Body(rows);
        var reader = StatBankDataReader.ReadAsync(body).GetAsyncEnumerator();
        var (count, sum) = (0, 0m);
        while (MoveNextOnThisThread(reader))
        {
            count++;
            sum += reader.Current.Value ?? 0;
        }

        return (count, sum);
    }

    // The generated body completes every read synchronously, so the loop stays on this thread and the thread's
    // allocation counter sees everything the reader allocates.
    private static bool MoveNextOnThisThread(IAsyncEnumerator<DataRow> rows)
    {
        var next = rows.MoveNextAsync();
        return next.IsCompletedSuccessfully ? next.Result : throw new InvalidOperationException("A read did not complete synchronously.");
    }
}
