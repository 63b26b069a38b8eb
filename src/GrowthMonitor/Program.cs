using GrowthMonitor;
using GrowthMonitor.Access;
using GrowthMonitor.Alerts;
using GrowthMonitor.Alliances;
using GrowthMonitor.Catalog;
using GrowthMonitor.Commands;
using GrowthMonitor.Configuration;
using GrowthMonitor.Demo;
using GrowthMonitor.Docs;
using GrowthMonitor.Guide;
using GrowthMonitor.Hangfire;
using GrowthMonitor.Health;
using GrowthMonitor.Home;
using GrowthMonitor.Indicators;
using GrowthMonitor.Ingestion;
using GrowthMonitor.ManualFigures;
using GrowthMonitor.Nowcasts;
using GrowthMonitor.Reminders;
using GrowthMonitor.Reports;
using GrowthMonitor.Security;
using GrowthMonitor.Storage;
using GrowthMonitor.TargetPages;
using GrowthMonitor.Targets;

if (CommandLine.IsHelp(args))
{
    return CommandLine.PrintHelp();
}

var builder = WebApplication.CreateBuilder(args);
if (HealthCheckCommand.Matches(args))
{
    // Before anything is registered: the container's HEALTHCHECK runs it every few seconds and needs only the Urls.
    return await HealthCheckCommand.RunAsync(builder.Configuration, args);
}

builder.AddServiceDefaults();
builder.AddSecurity();
builder.AddAccess();
builder.AddCatalog();
builder.AddDatabase();
builder.AddInflux();
builder.AddHangfireJobs();
builder.AddIngestion();
builder.AddIndicatorsApi();
builder.AddManualFigures();
builder.AddTargetNotes();
builder.AddDemo();
builder.AddTargets();
builder.AddReports();
builder.AddAlerts();
builder.AddReminders();
builder.AddApiDocs();
builder.AddTargetPages();

await using var app = builder.Build();
if (app.ReportConfigurationErrors())
{
    return ConfigurationErrors.ExitCode;
}

if (!await app.PrepareDatabaseAsync())
{
    return DatabaseSetup.UnavailableExitCode;
}

if (CommandLine.IsCommand(args))
{
    return await app.RunCommandAsync(args);
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSecurity();
app.UseAccess();
app.UseOutputCache();
app.MapOpenApi();
app.MapApiDocs();
app.MapHealth();
app.MapFrontPage();
app.MapNowcastPage();
app.MapGuide();
app.MapJobsDashboard();
app.MapMembersApi();
app.MapSignIn();
app.MapTargetPages();
app.MapUploadPage();
app.MapMembersPage();
var api = app.MapGroup("").RequireReadAccess();
api.MapIndicatorsApi();
api.MapAlliancesApi();
api.MapTargetsApi();
api.MapReportsApi();
api.MapAlertsApi();

await app.RunAsync();
return 0;
