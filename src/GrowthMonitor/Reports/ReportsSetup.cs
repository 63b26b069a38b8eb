namespace GrowthMonitor.Reports;

public static class ReportsSetup
{
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AnnualReportBuilder>();
        return builder;
    }
}
