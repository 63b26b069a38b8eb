namespace GrowthMonitor.StatBank;

/// <summary>What was asked of Statistics Denmark when it answered with an error.</summary>
/// <param name="Endpoint"><c>subjects</c>, <c>tables</c>, <c>tableinfo</c> or <c>data</c>.</param>
/// <param name="TableId">The table, for <c>tableinfo</c> and <c>data</c>.</param>
/// <param name="Variables">The requested variables and values, for <c>data</c>.</param>
public sealed record StatBankRequestContext(string Endpoint, string? TableId, IReadOnlyList<DataVariable> Variables);

/// <summary>
/// Statistics Denmark refused a request (HTTP 400 with <c>{"errorTypeCode","message"}</c>). Not transient.
/// </summary>
public class StatBankException(
    string message,
    string? errorTypeCode,
    string serverMessage,
    StatBankRequestContext request,
    Exception? innerException = null) : Exception(message, innerException)
{
    /// <summary>E.g. <c>EXTRACT-NOTFOUND</c>, <c>REQUEST-LIMIT</c>; null when the body was not an error object.</summary>
    public string? ErrorTypeCode { get; } = errorTypeCode;

    /// <summary>The server's own message, or the start of the body when it was not an error object.</summary>
    public string ServerMessage { get; } = serverMessage;

    public StatBankRequestContext Request { get; } = request;
}

/// <summary><c>EXTRACT-NOTFOUND</c>: a table, variable or value code does not exist. Permanent.</summary>
public sealed class StatBankNotFoundException(string message, string serverMessage, StatBankRequestContext request, Exception? innerException = null)
    : StatBankException(message, StatBankErrorCodes.NotFound, serverMessage, request, innerException);

/// <summary>
/// <c>REQUEST-LIMIT</c>: a non-streaming format (CSV) over 1,000,000 cells. <see cref="StatBankClient"/> splits CSV
/// requests by time before giving up; BULK has no limit.
/// </summary>
public sealed class StatBankRequestLimitException(string message, string serverMessage, StatBankRequestContext request, Exception? innerException = null)
    : StatBankException(message, StatBankErrorCodes.RequestLimit, serverMessage, request, innerException);

public static class StatBankErrorCodes
{
    public const string NotFound = "EXTRACT-NOTFOUND";
    public const string RequestLimit = "REQUEST-LIMIT";
}
