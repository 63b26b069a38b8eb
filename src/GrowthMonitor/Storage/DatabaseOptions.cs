using Npgsql;

namespace GrowthMonitor.Storage;

/// <summary>
/// Section <c>ConnectionStrings</c>: the PostgreSQL database that holds everything that must survive a restart (job
/// queue, alert ledger, notes, audit, run log, assessments). <c>Hangfire</c> is the name earlier releases read, kept
/// as an alias so that existing deployments start unchanged.
/// </summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "ConnectionStrings";

    public const string Example = "Host=127.0.0.1;Port=5432;Username=growthmonitor;Password=…;Database=growthmonitor";

    public string? GrowthMonitor { get; set; }

    /// <summary>The alias of <see cref="GrowthMonitor"/> from releases that used PostgreSQL for the job queue only.</summary>
    public string? Hangfire { get; set; }

    /// <summary>The connection string in effect: <see cref="GrowthMonitor"/>, else its alias.</summary>
    public string? ConnectionString => string.IsNullOrWhiteSpace(GrowthMonitor) ? NullIfBlank(Hangfire) : GrowthMonitor;

    public bool UsesAlias => string.IsNullOrWhiteSpace(GrowthMonitor) && !string.IsNullOrWhiteSpace(Hangfire);

    /// <summary>One line per problem, each naming its key.</summary>
    public IEnumerable<string> Problems()
    {
        if (ConnectionString is not { } connectionString)
        {
            yield return $"{SectionName}:{nameof(GrowthMonitor)}: PostgreSQL is required (it holds the job queue, alert ledger, notes, audit trail, run log and assessments); set a connection string such as {Example} (scripts/run starts a local one)";
            yield break;
        }

        var key = UsesAlias ? nameof(Hangfire) : nameof(GrowthMonitor);
        if (!IsValid(connectionString))
        {
            yield return $"{SectionName}:{key}: is not a valid PostgreSQL connection string (e.g. {Example})";
        }

        if (!UsesAlias && !string.IsNullOrWhiteSpace(Hangfire) && Hangfire != GrowthMonitor)
        {
            yield return $"{SectionName}:{nameof(Hangfire)}: is an alias of {SectionName}:{nameof(GrowthMonitor)} and names another database; remove it";
        }
    }

    /// <summary>Where the database is, without secrets, for logs and health output.</summary>
    public string Describe()
    {
        var parsed = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL at {parsed.Host}:{parsed.Port}, database {parsed.Database}";
    }

    private static bool IsValid(string connectionString)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString).Host is { Length: > 0 };
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
