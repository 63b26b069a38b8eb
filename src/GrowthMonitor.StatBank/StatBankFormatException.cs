namespace GrowthMonitor.StatBank;

/// <summary>
/// A data body that cannot be read as BULK/CSV: empty, no <c>INDHOLD</c> column, a row with the wrong number of
/// cells, a figure that is not a number, or a body cut off inside a line (how a truncated chunked response shows
/// when there is no Content-Length); or a JSON answer (tableinfo, tables, subjects) that is not the JSON expected, such
/// as a maintenance page served with 200. Only a body that was <see cref="CutOff"/> is worth reading again at once
/// (<see cref="StatBankTransientErrors.IsBrokenBody"/>); the rest is what the server sent whole.
/// </summary>
public sealed class StatBankFormatException(string message, long? lineNumber = null, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The 1-based line of the body the problem is on, when it is on one.</summary>
    public long? LineNumber { get; } = lineNumber;

    /// <summary>
    /// The body ended before its last line did (or before its header line), or carries bytes that are not UTF-8, which
    /// Statistics Denmark never sends (a damaged chunk): the transfer broke, not a body the server meant to send.
    /// </summary>
    public bool CutOff { get; init; }
}
