namespace GrowthMonitor.Catalog;

/// <summary>Configuration section <c>Catalog</c>.</summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Catalog";

    /// <summary>The catalog file; the bundled <c>catalog.json</c> beside the service when empty.</summary>
    public string? Path { get; set; }

    public string ResolvedPath => string.IsNullOrWhiteSpace(Path) ? System.IO.Path.Combine(AppContext.BaseDirectory, "catalog.json") : Path;
}
