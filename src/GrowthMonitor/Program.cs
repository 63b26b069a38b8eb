using GrowthMonitor;
using GrowthMonitor.Catalog;
using GrowthMonitor.Commands;
using GrowthMonitor.Configuration;
using GrowthMonitor.Indicators;
using GrowthMonitor.Ingestion;
using GrowthMonitor.Jobs;
using GrowthMonitor.Security;
using GrowthMonitor.Storage;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApiKeys();
builder.AddCatalog();
builder.AddInflux();
builder.AddJobs();
builder.AddIngestion();

await using var app = builder.Build();
if (app.ReportConfigurationErrors())
{
    return ConfigurationErrors.ExitCode;
}

if (CommandLine.IsCommand(args))
{
    return await app.RunCommandAsync(args);
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealth();
app.MapJobsDashboard();
app.MapIndicatorsApi();

await app.RunAsync();
return 0;
