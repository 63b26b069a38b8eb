namespace GrowthMonitor.StatBank;

/// <summary>
/// A data body that cannot be read as BULK/CSV: empty, no <c>INDHOLD</c> column, a row with the wrong number of
/// cells, a figure that is not a number, or a body cut off inside a line (how a truncated chunked response shows
/// when there is no Content-Length); or a JSON answer (tableinfo, tables, subjects) that is not the JSON expected, such
/// as a maintenance page served with 200. Transient: repeating the whole read may succeed.
/// </summary>
public sealed class StatBankFormatException(string message, long? lineNumber = null, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The 1-based line of the body the problem is on, when it is on one.</summary>
    public long? LineNumber { get; } = lineNumber;
}
