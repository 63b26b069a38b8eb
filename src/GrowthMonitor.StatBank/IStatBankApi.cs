using Refit;

namespace GrowthMonitor.StatBank;

/// <summary>
/// The Statistics Denmark API (<c>https://api.statbank.dk/v1/</c>) as Refit sees it. Applications use
/// <see cref="StatBankClient"/>, which adds error mapping, request splitting and streamed parsing on top.
/// </summary>
public interface IStatBankApi
{
    [Get("/subjects?format=JSON")]
    Task<IReadOnlyList<Subject>> GetSubjectsAsync(
        [AliasAs("lang")] string language,
        bool? recursive = null,
        CancellationToken cancellationToken = default);

    [Get("/tables?format=JSON")]
    Task<IReadOnlyList<TableSummary>> GetTablesAsync(
        [AliasAs("lang")] string language,
        [AliasAs("pastdays")] int? pastDays = null,
        [Query(CollectionFormat.Csv)] IEnumerable<string>? subjects = null,
        bool? includeInactive = null,
        CancellationToken cancellationToken = default);

    [Get("/tableinfo?format=JSON")]
    Task<TableInfo> GetTableInfoAsync(
        string id,
        [AliasAs("lang")] string language,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns as soon as the response headers are in, whatever the status: the caller checks the status and
    /// streams the body (<see cref="StatBankDataReader"/>), and disposes the response.
    /// </summary>
    [Post("/data")]
    Task<HttpResponseMessage> PostDataAsync([Body] DataRequest request, CancellationToken cancellationToken = default);
}
