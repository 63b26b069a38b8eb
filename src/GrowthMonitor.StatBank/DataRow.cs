namespace GrowthMonitor.StatBank;

/// <summary>
/// The variable columns of a BULK or CSV body in the order written, e.g. <c>OMRÅDE, BRANCHE07, TID</c>, without
/// the value column <c>INDHOLD</c>. Ids may differ in case from <c>/tableinfo</c> (<c>Tid</c> there,
/// <c>TID</c> here), so look-ups ignore case.
/// </summary>
public sealed record DataHeader(IReadOnlyList<string> Variables)
{
    /// <returns>The position of the variable in <see cref="DataRow.Codes"/>, or -1.</returns>
    public int IndexOf(string variableId)
    {
        for (var i = 0; i < Variables.Count; i++)
        {
            if (string.Equals(Variables[i], variableId, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>One line of a data body: a value code per header variable and the figure, null when missing.</summary>
public readonly record struct DataRow(DataHeader Header, IReadOnlyList<string> Codes, decimal? Value)
{
    /// <exception cref="KeyNotFoundException">The body has no such variable.</exception>
    public string this[string variableId] => Header.IndexOf(variableId) is var index and >= 0
        ? Codes[index]
        : throw new KeyNotFoundException($"The data has no variable '{variableId}'; it has {string.Join(", ", Header.Variables)}.");
}
