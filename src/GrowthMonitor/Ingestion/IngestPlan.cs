using System.Security.Cryptography;
using System.Text;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.StatBank;

namespace GrowthMonitor.Ingestion;

/// <summary>
/// An indicator checked against its table's <c>/tableinfo</c>: the variables to request and the table's periods.
/// Built only when every configured variable and value exists, so a catalog typo never becomes a silent empty fetch.
/// This is where Statistics Denmark's period codes become Core periods, once; figures are stored at
/// <see cref="Period.StartUtc"/>.
/// </summary>
public sealed record IngestPlan(
    IndicatorDefinition Indicator,
    TableInfo Table,
    string AreaVariable,
    string TimeVariable,
    IReadOnlyList<DataVariable> Selection,
    IReadOnlyList<TablePeriod> Periods,
    string DefinitionHash)
{
    /// <summary>The table's frequency, which turns stored timestamps back into periods.</summary>
    public Frequency Frequency => Periods[0].Period.Frequency;

    public static IngestPlan Create(IndicatorDefinition indicator, TableInfo table)
    {
        List<string> problems = [];
        var area = Find(table, indicator.StatBankArea, problems);
        if (area is not null && !indicator.AllAreasSelected)
        {
            CheckValues(table, area, indicator.AreaValues, problems);
        }

        List<DataVariable> selection = [];
        foreach (var (code, values) in indicator.Selection)
        {
            if (Find(table, code, problems) is { } variable)
            {
                CheckValues(table, variable, values, problems);
                selection.Add(new DataVariable(variable.Id, values));
            }
        }

        var time = table.TimeVariable;
        List<TablePeriod> periods = time is null ? [] : TablePeriods(table, time, problems);
        if (time is null || time.Values.Count == 0)
        {
            problems.Add($"Table {table.Id} has no time variable with periods.");
        }

        // BULK, the streaming format, refuses elimination: every other variable must be pinned.
        foreach (var variable in table.Variables.Where(v => !v.Time && v != area && !indicator.Selection.Keys.Any(k => Same(k, v.Id))))
        {
            problems.Add($"Table {table.Id}: variable {variable.Id} ({variable.Text}) is not pinned in select; give it one value, e.g. \"{variable.Id}\": [\"{variable.Values.FirstOrDefault()?.Id}\"].");
        }

        if (problems.Count > 0)
        {
            throw new IndicatorDefinitionException(indicator.Id, problems);
        }

        return new IngestPlan(indicator, table, area!.Id, time!.Id, selection, periods, Hash(indicator));
    }

    /// <summary>
    /// All periods on a first run or after the definition changed; otherwise the periods after the latest one
    /// fetched, plus the last <paramref name="revisionWindow"/> periods before it, which may have been revised.
    /// </summary>
    public IReadOnlyList<TablePeriod> PeriodsToFetch(string? latestFetched, int revisionWindow)
    {
        var latest = latestFetched is null ? -1 : Periods.ToList().FindIndex(p => p.Code == latestFetched);
        if (latest < 0)
        {
            return Periods;
        }

        return Periods.Skip(Math.Max(0, latest - revisionWindow + 1)).ToList();
    }

    public DataRequest Request(IReadOnlyList<TablePeriod> periods) => new(
        Table.Id,
        [
            new DataVariable(AreaVariable, Indicator.AreaValues),
            .. Selection,
            new DataVariable(TimeVariable, [.. periods.Select(p => p.Code)]),
        ]);

    /// <summary>
    /// The table's period codes as Core periods, all of one frequency; weekly tables (2021U52) and anything else
    /// Core's <see cref="Period"/> cannot hold are refused by name.
    /// </summary>
    private static List<TablePeriod> TablePeriods(TableInfo table, TableVariable time, List<string> problems)
    {
        List<TablePeriod> periods = [];
        foreach (var value in time.Values)
        {
            if (!Period.TryParse(value.Id, out var period))
            {
                problems.Add($"Table {table.Id} has period {value.Id}; GrowthMonitor stores years, half-years, quarters and months only.");
                return [];
            }

            if (periods.Count > 0 && period.Frequency != periods[0].Period.Frequency)
            {
                problems.Add($"Table {table.Id} mixes frequencies ({periods[0].Code} and {value.Id}); one indicator needs one.");
                return [];
            }

            periods.Add(new TablePeriod(period, value.Id));
        }

        return periods;
    }

    private static TableVariable? Find(TableInfo table, string code, List<string> problems)
    {
        var variable = table.Variables.FirstOrDefault(v => Same(v.Id, code));
        if (variable is null)
        {
            problems.Add($"Table {table.Id} has no variable {code}; its variables are {string.Join(", ", table.Variables.Select(v => v.Id))}.");
        }

        return variable;
    }

    private static void CheckValues(TableInfo table, TableVariable variable, IEnumerable<string> values, List<string> problems)
    {
        foreach (var value in values.Where(value => !variable.Values.Any(v => v.Id == value)))
        {
            problems.Add($"Table {table.Id}, variable {variable.Id} has no value '{value}'; e.g. {string.Join(", ", variable.Values.Take(5).Select(v => $"{v.Id} ({v.Text})"))}.");
        }
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>Changes when what is fetched changes, so that an edited indicator is fetched in full again.</summary>
    private static string Hash(IndicatorDefinition indicator)
    {
        var text = new StringBuilder()
            .Append(indicator.StatBankTable.ToUpperInvariant()).Append('|')
            .Append(indicator.StatBankArea.ToUpperInvariant()).Append('|')
            .AppendJoin(',', indicator.AreaValues.Order(StringComparer.Ordinal)).Append('|')
            .AppendJoin(';', indicator.Selection.OrderBy(s => s.Key.ToUpperInvariant(), StringComparer.Ordinal)
                .Select(s => $"{s.Key.ToUpperInvariant()}={string.Join(',', s.Value)}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}

/// <summary>A period of a table's time axis: the Core period and the code Statistics Denmark uses for it in requests.</summary>
public sealed record TablePeriod(Period Period, string Code);

/// <summary>The catalog asks for a variable or value the table does not have. Permanent: retrying cannot help.</summary>
public sealed class IndicatorDefinitionException(string indicatorId, IReadOnlyList<string> problems)
    : Exception($"Indicator '{indicatorId}' does not match its table: {string.Join(" ", problems)}")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
