using GrowthMonitor;
using GrowthMonitor.Configuration;
using GrowthMonitor.Jobs;
using GrowthMonitor.Storage;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddInflux();
builder.AddJobs();

await using var app = builder.Build();
if (app.ReportConfigurationErrors())
{
    return ConfigurationErrors.ExitCode;
}

app.MapHealth();
app.MapJobsDashboard();

await app.RunAsync();
return 0;
