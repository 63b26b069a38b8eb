using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GrowthMonitor.Access;
using GrowthMonitor.IntegrationTests.Infrastructure;
using GrowthMonitor.Reminders;
using Microsoft.Extensions.DependencyInjection;
using SmtpServer.Protocol;

namespace GrowthMonitor.IntegrationTests.Reminders;

/// <summary>
/// Reminders of figures due, on the real PostgreSQL and InfluxDB and a real SMTP server on loopback, with a clock moved
/// day by day. Hedensted's group "Det gode erhvervsliv" enters two half-year figures by hand, due 62 days after the
/// half-year ends: 1st half 2026 by 31 August 2026, so the reminder goes 7 days before, on 24 August, and the overdue
/// notice on 1 September. The job is run directly, as Hangfire's daily schedule would.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class ReminderTests(ServersFixture servers) : IAsyncLifetime
{
    private const string Group = "Det gode erhvervsliv";
    private const string Mette = "mette.hansen@hedensted.example";
    private const string Ida = "ida.berg@hedensted.example";
    private const string Vera = "vera.lund@hedensted.example";
    private const string Karl = "karl.skov@hedensted.example";

    private readonly ShiftedTimeProvider clock = new(Day(2026, 8, 23));
    private SmtpTestServer smtp = null!;
    private ServiceHarness harness = null!;

    public async Task InitializeAsync()
    {
        smtp = await SmtpTestServer.StartAsync();
        harness = Start(database: null);
        var members = harness.Factory.Services.GetRequiredService<Members>();
        Assert.True(await members.AddAsync(new Member("hedensted", Mette, "Mette Hansen", MemberRole.Contributor, [Group]), "test", CancellationToken.None));
        Assert.True(await members.AddAsync(new Member("hedensted", Ida, "Ida Berg", MemberRole.Admin, []), "test", CancellationToken.None));
        Assert.True(await members.AddAsync(new Member("hedensted", Vera, "Vera Lund", MemberRole.Viewer, []), "test", CancellationToken.None));
        Assert.True(await members.AddAsync(new Member("hedensted", Karl, "Karl Skov", MemberRole.Contributor, ["Det gode arbejdsliv"]), "test", CancellationToken.None));
    }

    public async Task DisposeAsync()
    {
        await harness.DisposeAsync();
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task Run_DayByDayThroughTheDeadlineWithARestart_OneReminderAndOneOverdueNoticeEachAndNoneOnceEntered()
    {
        // 23 August: the deadline is 8 days away, one more than the 7 lead days.
        await RunAsync(Day(2026, 8, 23));
        Assert.Empty(smtp.Received);

        // 24 August: 7 days before 31 August. One message to each person who may enter the figures, listing both.
        await RunAsync(Day(2026, 8, 24));
        var reminders = Take();
        Assert.Equal([[Ida], [Mette]], reminders.Select(m => m.EnvelopeTo).OrderBy(to => to[0], StringComparer.Ordinal));
        var toMette = reminders.Single(m => m.EnvelopeTo[0] == Mette).Message;
        Assert.Equal("Påmindelse: 2 tal skal indtastes i GrowthMonitor senest 31. august 2026", toMette.Subject);
        Assert.Equal(
            """
            Hej Mette Hansen

            Du kan indtaste disse tal i GrowthMonitor, og de er endnu ikke indtastet:

            Snart frist:
            - Nye lærepladser, Hedensted: Tal for 1. halvår 2026 mangler, frist 31. august 2026.
              Indtast tallet: https://vaekst.hedensted.example/maal/hedensted-apprenticeships#periode-2026H1
            - Virksomheder i erhvervsnetværket, Hedensted: Tal for 1. halvår 2026 mangler, frist 31. august 2026.
              Indtast tallet: https://vaekst.hedensted.example/maal/hedensted-network#periode-2026H1

            Når tallet er indtastet, får du ikke flere påmindelser om det. Er det indtastet af en anden, kan du se bort fra denne e-mail.

            GrowthMonitor

            """.ReplaceLineEndings("\n"),
            toMette.TextBody!.ReplaceLineEndings("\n"));
        Assert.Contains("<a href=\"https://vaekst.hedensted.example/maal/hedensted-network#periode-2026H1\">Indtast tallet</a>", toMette.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"da\">", toMette.HtmlBody, StringComparison.Ordinal);

        // The same day again, and the next: nothing new to tell.
        await RunAsync(Day(2026, 8, 24));
        await RunAsync(Day(2026, 8, 25));
        Assert.Empty(smtp.Received);

        // The service restarts on the same database; on the deadline day itself it tells nothing again.
        var database = harness.Database;
        await harness.DisposeAsync();
        harness = Start(database);
        await RunAsync(Day(2026, 8, 31));
        Assert.Empty(smtp.Received);

        // The apprenticeships are entered before the deadline passes: only the network's figure is overdue on 1 September.
        using (var client = harness.OperatorClient())
        {
            using var entered = await client.PutAsJsonAsync("/api/indicators/apprenticeships/values", new { values = new[] { new { area = "766", period = "2026H1", value = 4 } } });
            Assert.Equal(HttpStatusCode.OK, entered.StatusCode);
        }

        await RunAsync(Day(2026, 9, 1));
        var overdue = Take();
        Assert.Equal([[Ida], [Mette]], overdue.Select(m => m.EnvelopeTo).OrderBy(to => to[0], StringComparer.Ordinal));
        var overdueToMette = overdue.Single(m => m.EnvelopeTo[0] == Mette).Message;
        Assert.Equal("Fristen er overskredet: 1 tal mangler i GrowthMonitor", overdueToMette.Subject);
        Assert.Contains("Fristen er overskredet:\n- Virksomheder i erhvervsnetværket, Hedensted: Tal for 1. halvår 2026 mangler, fristen var 31. august 2026.", overdueToMette.TextBody!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("lærepladser", overdueToMette.TextBody, StringComparison.Ordinal);

        // Once told, the overdue figure is not told again; entered, it is not due at all.
        await RunAsync(Day(2026, 9, 2));
        Assert.Empty(smtp.Received);
        var dueFigures = harness.Factory.Services.GetRequiredService<DueFigures>();
        Assert.Equal(["network-firms 766 2026H1"], (await dueFigures.OverdueAsync(new DateOnly(2026, 9, 2), CancellationToken.None)).Select(f => $"{f.IndicatorId} {f.Area} {f.Period}"));
    }

    [Fact]
    public async Task For_ContributorViewerAndOtherGroup_OnlyWhatEachMayEnter()
    {
        var dueFigures = harness.Factory.Services.GetRequiredService<DueFigures>();
        var members = harness.Factory.Services.GetRequiredService<Members>();
        var today = new DateOnly(2026, 8, 24);

        async Task<string[]> DueFor(string email)
        {
            var grants = (await members.OfPersonAsync(email, CancellationToken.None)).Select(m => m.Grant).ToList();
            var due = await dueFigures.ForAsync(new Actor(ActorKind.Person, email, email, false, grants), today, CancellationToken.None);
            return [.. due.Select(f => $"{f.IndicatorId} {f.Period} {f.Deadline:yyyy-MM-dd} [{string.Join(",", f.TargetIds)}]: {DueFigures.Describe(f, today)}")];
        }

        Assert.Equal(
            [
                "apprenticeships 2026H1 2026-08-31 [hedensted-apprenticeships]: Tal for 1. halvår 2026 mangler, frist 31. august 2026",
                "network-firms 2026H1 2026-08-31 [hedensted-network]: Tal for 1. halvår 2026 mangler, frist 31. august 2026",
            ],
            await DueFor(Mette));
        Assert.Empty(await DueFor(Vera));
        Assert.Empty(await DueFor(Karl));
        Assert.Empty(await dueFigures.OverdueAsync(today, CancellationToken.None));
        // A year and a day after the first half-year's deadline, its gap is history; the second half's (3 March 2027) is still overdue.
        Assert.Equal(
            ["apprenticeships 766 2026H2", "network-firms 766 2026H2"],
            (await dueFigures.OverdueAsync(new DateOnly(2027, 9, 1), CancellationToken.None)).Select(f => $"{f.IndicatorId} {f.Area} {f.Period}"));
        Assert.Equal(4, (await dueFigures.OverdueAsync(new DateOnly(2027, 8, 30), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Due_FigureEnteredOnAnotherInstance_GoneThereAtOnceHereOnceFiveSecondsHavePassed()
    {
        var today = new DateOnly(2026, 9, 1);
        await using var other = Start(harness.Database);
        // The clock runs on from here; it is set back here before each look, so that the test's own pace cannot matter.
        clock.MoveTo(Day(2026, 9, 1));
        async Task<string[]> OverdueAsync(ServiceHarness instance) =>
            [.. (await instance.Factory.Services.GetRequiredService<DueFigures>().OverdueAsync(today, CancellationToken.None)).Select(f => f.IndicatorId)];
        Assert.Equal(["apprenticeships", "network-firms"], await OverdueAsync(harness));
        Assert.Equal(["apprenticeships", "network-firms"], await OverdueAsync(other));

        // Entered on the other instance: gone there at once; here, what was read a moment ago stands for up to five seconds.
        using (var client = other.OperatorClient())
        {
            using var entered = await client.PutAsJsonAsync("/api/indicators/apprenticeships/values", new { values = new[] { new { area = "766", period = "2026H1", value = 4 } } });
            Assert.Equal(HttpStatusCode.OK, entered.StatusCode);
        }

        Assert.Equal(["network-firms"], await OverdueAsync(other));
        clock.MoveTo(Day(2026, 9, 1));
        Assert.Equal(["apprenticeships", "network-firms"], await OverdueAsync(harness));
        clock.MoveTo(Day(2026, 9, 1).AddMinutes(1));
        Assert.Equal(["network-firms"], await OverdueAsync(harness));
    }

    [Fact]
    public async Task Run_MailServerRefusesOnePersonForNow_RunFailsOthersToldOnceAndTheRetryTellsOnlyThem()
    {
        smtp.Replies[Mette] = new SmtpResponse((SmtpReplyCode)451, "try again later");

        await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(Day(2026, 8, 24)));
        Assert.Equal([[Ida]], Take().Select(m => m.EnvelopeTo));

        // Hangfire's retry, the server willing again: Mette gets hers, Ida nothing more.
        smtp.Replies.Clear();
        await RunAsync(Day(2026, 8, 24));
        Assert.Equal([[Mette]], Take().Select(m => m.EnvelopeTo));
    }

    [Fact]
    public async Task Start_LeadAndDueDaysOutOfRangeAndABadSchedule_ExitsWithOneLinePerKey()
    {
        var (exitCode, _, errors) = await ServiceProcess.RunAsync(new Dictionary<string, string?>
        {
            ["Reminders__DueDays"] = "0",
            ["Reminders__LeadDays"] = "91",
            ["Reminders__Schedule"] = "daily",
        });

        Assert.Equal(2, exitCode);
        Assert.Equal(
            [
                "Configuration error: Reminders:DueDays: The field DueDays must be between 1 and 365.",
                "Configuration error: Reminders:LeadDays: The field LeadDays must be between 0 and 90.",
                "Configuration error: Reminders:Schedule: 'daily' is not a five-field cron expression such as \"0 8 * * *\"",
            ],
            errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal));
    }

    private static DateTimeOffset Day(int year, int month, int day) => new(year, month, day, 10, 0, 0, TimeSpan.Zero);

    private async Task RunAsync(DateTimeOffset day)
    {
        clock.MoveTo(day);
        await harness.Factory.Services.GetRequiredService<ReminderJob>().RunAsync(CancellationToken.None);
    }

    private List<ReceivedEmail> Take()
    {
        List<ReceivedEmail> taken = [];
        while (smtp.Received.TryDequeue(out var mail))
        {
            taken.Add(mail);
        }

        return taken;
    }

    private ServiceHarness Start(string? database) => ServiceHarness.Create(servers, Catalog(), database, new Dictionary<string, string?>(smtp.ServiceSettings())
    {
        ["PublicBaseUrl"] = "https://vaekst.hedensted.example/",
        ["Reminders:DueDays"] = "62",
        // Never on its own during the test: the test runs the job itself.
        ["Reminders:Schedule"] = "0 3 1 1 *",
    }, clock: clock);

    /// <summary>
    /// Two half-year indicators entered by hand for Hedensted (766), one due 62 days after the half-year by its own
    /// dueDays, the other by Reminders:DueDays; targets for 2026 only, of one focus area.
    /// </summary>
    private static JsonObject Catalog() => JsonNode.Parse($$"""
        {
          "indicators": [
            { "id": "network-firms", "title": "Virksomheder i erhvervsnetværket", "source": "manual", "frequency": "half-year", "areas": ["766"], "dueDays": 62 },
            { "id": "apprenticeships", "title": "Nye lærepladser", "source": "manual", "frequency": "half-year", "areas": ["766"] }
          ],
          "alliances": [
            { "id": "hedensted", "name": "Hedensted Kommune", "areas": ["766"], "focusAreas": ["Det gode arbejdsliv", "{{Group}}"] }
          ],
          "targets": [
            { "id": "hedensted-network", "alliance": "hedensted", "indicator": "network-firms", "areas": ["766"], "kind": "yearly-goal", "goals": { "2026": 20 }, "focusArea": "{{Group}}" },
            { "id": "hedensted-apprenticeships", "alliance": "hedensted", "indicator": "apprenticeships", "areas": ["766"], "kind": "yearly-goal", "goals": { "2026": 10 }, "focusArea": "{{Group}}" }
          ]
        }
        """)!.AsObject();
}
