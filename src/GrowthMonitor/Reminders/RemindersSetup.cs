using GrowthMonitor.Configuration;
using GrowthMonitor.Hangfire;

namespace GrowthMonitor.Reminders;

public static class RemindersSetup
{
    /// <summary>
    /// What is due (<see cref="DueFigures"/>, for the reminders and the pages) and the daily reminders of figures due,
    /// by e-mail through the alert ledger. Needs the alerts' ledger, mailer and links (<c>AddAlerts</c>).
    /// </summary>
    public static IHostApplicationBuilder AddReminders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ReminderOptions>(ReminderOptions.SectionName);
        builder.Services.AddSingleton<DueFigures>();
        builder.Services.AddSingleton<ReminderMail>();
        builder.Services.AddTransient<ReminderJob>();
        builder.Services.AddJobRetries<ReminderJob, ReminderOptions>(options => options.Retries);
        builder.Services.AddJobSchedule<ReminderSchedule>();
        return builder;
    }
}
