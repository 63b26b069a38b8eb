using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using GrowthMonitor.Alerts;
using GrowthMonitor.Alerts.Email;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using MimeKit;
using static GrowthMonitor.IntegrationTests.Alerts.AlertSamples;

namespace GrowthMonitor.IntegrationTests.Alerts;

/// <summary>
/// The e-mail as a pure function of message, recipient and links: no server. Figures are worked out by hand in
/// <see cref="AlertSamples"/>; "\u00A0" is the no-break space between a number and its % sign.
/// </summary>
public sealed class AlertEmailTests
{
    private const string Report2024 = "https://vaekst.horsens.dk/api/alliances/horsens/reports/2024?format=html";
    private const string Jobs = Report2024 + "#maal-horsens-jobs";
    private const string Report2025 = "https://vaekst.horsens.dk/api/alliances/horsens/reports/2025?format=html";
    private const string Dashboard = "https://grafana.horsens.dk/d/growthmonitor-overview";
    private const string FrontPage = "https://vaekst.horsens.dk/";

    private static readonly MailboxAddress From = new("GrowthMonitor", "vaekst@horsens.dk");

    [Fact]
    public async Task Create_OneStatusChange_SubjectNamesAllianceTargetAndNewStatus()
    {
        var email = await CreateAsync(Message("dlv_1", JobsAtRisk()));

        Assert.Equal("Vækstalliancen Horsens: 500 flere job om året er nu I risiko", email.Subject);
    }

    [Fact]
    public async Task Create_SeveralEvents_SubjectCountsThem()
    {
        var email = await CreateAsync(Message("dlv_1", JobsAtRisk(), UnemploymentOffTrack(), JobsStale()));

        Assert.Equal("Vækstalliancen Horsens: 3 ændringer i jeres vækstmål", email.Subject);
    }

    [Fact]
    public async Task Create_OneIndicatorEvent_SubjectSaysWhatIsMissing()
    {
        Assert.Equal("Vækstalliancen Horsens: Nye tal for Job på arbejdssteder mangler", (await CreateAsync(Message("dlv_1", JobsStale()))).Subject);
        Assert.Equal("Vækstalliancen Horsens: Nye tal for Nye firmaer kunne ikke hentes", (await CreateAsync(Message("dlv_2", FirmsIngestionFailed()))).Subject);
    }

    [Fact]
    public async Task Create_OperatorTest_SaysItIsATestInItsOwnDanishWords()
    {
        var test = JobsStale() with { Type = AlertEventType.AlertTest, Indicator = null, IndicatorTitle = null, Detail = "Dette er en testbesked. Den kræver ingen handling." };
        var email = await CreateAsync(Message("test_1", test));
        var section = Html(email).QuerySelector("section")!;

        Assert.Equal("Vækstalliancen Horsens: Testbesked fra GrowthMonitor", email.Subject);
        Assert.Equal("Testbesked", section.QuerySelector("h2")!.TextContent);
        Assert.Equal("Dette er en testbesked. Den kræver ingen handling.", section.QuerySelector("p")!.TextContent);
        Assert.Empty(section.QuerySelectorAll("table, [lang=en]"));
    }

    [Fact]
    public async Task Create_Message_HasStableIdDateAddressesAndAutoSubmitted()
    {
        var email = await CreateAsync(Message("dlv_3f2a9c", JobsAtRisk()));

        Assert.Equal("dlv_3f2a9c@growthmonitor", email.MessageId);
        Assert.Equal("<dlv_3f2a9c@growthmonitor>", email.Headers[HeaderId.MessageId]);
        Assert.Equal(CreatedAt, email.Date);
        Assert.Equal("\"GrowthMonitor\" <vaekst@horsens.dk>", email.From.ToString());
        Assert.Equal("\"Mette Jensen\" <mette.jensen@horsens.dk>", email.To.ToString());
        Assert.Equal("auto-generated", email.Headers["Auto-Submitted"]);
    }

    [Fact]
    public async Task MessageIdOf_IdWithCharactersOutsideAnAtom_IsPercentEncodedIntoOne()
    {
        // '.' → %2E, ':' → %3A, '@' → %40: one valid dot-atom, and the same id gives the same Message-Id every time.
        Assert.Equal("a%2Eb%3Ac%40d@growthmonitor", AlertEmail.MessageIdOf("a.b:c@d"));
        Assert.Equal("a%2Eb%3Ac%40d@growthmonitor", (await CreateAsync(Message("a.b:c@d", JobsAtRisk()))).MessageId);
    }

    [Fact]
    public async Task Create_Message_HasPlainTextAndHtmlAlternatives()
    {
        var body = Assert.IsType<MultipartAlternative>((await CreateAsync(Message("dlv_1", JobsAtRisk()))).Body);

        Assert.Equal(["text/plain", "text/html"], body.Select(part => part.ContentType.MimeType));
    }

    [Fact]
    public async Task Create_Html_IsDanishWithOneHeadingOneAndOneSectionPerEvent()
    {
        var page = Html(await CreateAsync(Message("dlv_1", JobsAtRisk(), UnemploymentOffTrack(), FirmsNoData(), JobsStale())));

        Assert.Equal("da", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Vækstalliancen Horsens: 4 ændringer i jeres vækstmål", page.Title);
        Assert.Equal("Vækstalliancen Horsens: 4 ændringer i jeres vækstmål", Assert.Single(page.QuerySelectorAll("h1")).TextContent);
        Assert.Equal(
            ["500 flere job om året", "Ledigheden under 3,5 pct.", "Flere nye firmaer", "Job på arbejdssteder", "Mere om jeres mål"],
            page.QuerySelectorAll("h2").Select(h => h.TextContent));
        Assert.All(page.QuerySelectorAll("section"), section => Assert.Equal(section.QuerySelector("h2")!.Id, section.GetAttribute("aria-labelledby")));
    }

    [Fact]
    public async Task Create_StatusChange_TableHasRowHeadersStatusWordsAndDanishFigures()
    {
        var page = Html(await CreateAsync(Message("dlv_1", JobsAtRisk())));
        var table = Assert.Single(page.QuerySelectorAll("table"));

        Assert.Equal("Tal for 500 flere job om året", table.QuerySelector("caption")!.TextContent);
        Assert.All(table.QuerySelectorAll("th"), th => Assert.Equal("row", th.GetAttribute("scope")));
        Assert.Equal(JobsAtRiskRows, Rows(table));

        // Colour only repeats the word: the badge carries the status word and a class for its colour.
        var badges = table.QuerySelectorAll("span.status");
        Assert.Equal(["I risiko", "På sporet"], badges.Select(b => b.TextContent));
        Assert.Equal(["status status-at_risk", "status status-on_track"], badges.Select(b => b.ClassName));
        Assert.Equal("Status er ændret fra På sporet til I risiko.", page.QuerySelector("section p")!.TextContent);
    }

    [Fact]
    public async Task Create_QuarterlyRate_ShowsQuarterAndOneDecimal()
    {
        var table = Assert.Single(Html(await CreateAsync(Message("dlv_1", UnemploymentOffTrack()))).QuerySelectorAll("table"));

        Assert.Equal(
        [
            ("Status", "Bagud"),
            ("Før", "I risiko"),
            ("Periode", "1. kvt. 2025"),
            ("Faktisk", "3,8 pct."),
            ("Forventet", "3,6 pct."),
            ("Fremdrift", "60\u00A0%"),
            ("Fremskrivning", "3,3 pct. i 1. kvt. 2030; målet nås ikke inden 2040"),
        ], Rows(table));
    }

    [Fact]
    public async Task Create_NoData_GivesTheReasonInDanishAndNoFigures()
    {
        var page = Html(await CreateAsync(Message("dlv_1", FirmsNoData())));
        var section = page.QuerySelector("section")!;

        Assert.Equal([("Status", "Ingen data"), ("Før", "I risiko")], Rows(section.QuerySelector("table")!));
        Assert.Contains("Årsag: Der er endnu ingen tal for indikatoren.", section.TextContent, StringComparison.Ordinal);
        Assert.Equal("Vækstalliancen Horsens: Flere nye firmaer er nu Ingen data", page.Title);
    }

    [Fact]
    public async Task Create_StaleFigures_KeepTheirNumbersButQuoteNoProgress()
    {
        var stale = JobsAtRisk() with
        {
            Status = TargetStatus.NoData,
            Evaluation = JobsAtRisk().Evaluation! with { Status = TargetStatus.NoData, EvaluatedPeriod = Period.Parse("2023"), Projection = null, ReasonCode = ReasonCode.Stale },
        };
        var section = Html(await CreateAsync(Message("dlv_1", stale))).QuerySelector("section")!;

        Assert.Equal(
            [("Status", "Ingen data"), ("Før", "På sporet"), ("Periode", "2023"), ("Faktisk", "41.800 job"), ("Forventet", "42.350 job")],
            Rows(section.QuerySelector("table")!));
        Assert.Contains("Årsag: Tallene er forældede: de seneste er fra 2023, og nyere tal skulle være kommet.", section.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_IndicatorEvents_DescribedInDanishWithTheirDetailMarkedEnglish()
    {
        var page = Html(await CreateAsync(Message("dlv_1", JobsStale(), FirmsIngestionFailed())));
        var sections = page.QuerySelectorAll("section");

        Assert.Contains("Der er ikke kommet nye tal fra Danmarks Statistik, selv om nye tal var ventet.", sections[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("GrowthMonitor kunne ikke hente nye tal fra Danmarks Statistik, heller ikke efter flere forsøg.", sections[1].TextContent, StringComparison.Ordinal);
        Assert.Equal(
            ["Latest period 2023; 2024 was due by 2025-03-01.", "Statistics Denmark answered 503 three times."],
            page.QuerySelectorAll("span[lang=en]").Select(s => s.TextContent));
        Assert.Empty(page.QuerySelectorAll("table"));
    }

    [Fact]
    public async Task Create_TargetWhoseFetchFailed_ReasonInDanishWithTheErrorMarkedEnglish()
    {
        // 20 March 2025 06:30 UTC is 07.30 in Copenhagen (winter time).
        var failed = JobsAtRisk() with
        {
            Evaluation = JobsAtRisk().Evaluation! with
            {
                ReasonCode = ReasonCode.FetchFailed,
                Reason = "The latest fetch failed.",
                FetchFailure = new FetchFailure(new DateTimeOffset(2025, 3, 20, 6, 30, 0, TimeSpan.Zero), "Statistics Denmark answered 503."),
            },
        };

        var page = Html(await CreateAsync(Message("dlv_1", failed)));

        Assert.Contains("Bemærk: Hentningen fra Danmarks Statistik fejlede den 20. marts 2025 kl. 07.30: Statistics Denmark answered 503.", page.QuerySelector("section")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Statistics Denmark answered 503."], page.QuerySelectorAll("span[lang=en]").Select(s => s.TextContent));
    }

    [Fact]
    public async Task Create_WithLinks_TargetLinkPerEventReportAndDashboardOnce()
    {
        var page = Html(await CreateAsync(Message("dlv_1", JobsAtRisk(), UnemploymentOffTrack(), JobsStale())));

        // The stale indicator has no evaluated period and no target link; the targets' reports already cover it.
        Assert.Equal(
        [
            ("Målet i årsrapporten", Jobs),
            ("Målet i årsrapporten", Report2025 + "#maal-horsens-unemployment"),
            ("Årsrapporten 2024", Report2024),
            ("Årsrapporten 2025", Report2025),
            ("Dashboardet i Grafana", Dashboard),
            ("Alle mål i GrowthMonitor", FrontPage),
        ], page.QuerySelectorAll("a").Select(a => (a.TextContent, a.GetAttribute("href"))));
    }

    [Fact]
    public async Task Create_OnlyAnIndicatorEvent_LinksThisYearsReportAndTheDashboard()
    {
        var page = Html(await CreateAsync(Message("dlv_1", JobsStale())));

        // The link builder's "now" is in 2025.
        Assert.Equal(
            [("Årsrapporten", Report2025), ("Dashboardet i Grafana", Dashboard), ("Alle mål i GrowthMonitor", FrontPage)],
            page.QuerySelectorAll("a").Select(a => (a.TextContent, a.GetAttribute("href"))));
    }

    [Fact]
    public async Task Create_WithoutPublicUrlOrDashboard_HasNoLinks()
    {
        var email = await AlertEmail.CreateAsync(Message("dlv_1", JobsAtRisk()), Director, From, Links().For);

        Assert.Empty(Html(email).QuerySelectorAll("a"));
        Assert.Null(Html(email).QuerySelector("#mere"));
        Assert.DoesNotContain("http", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_PlainText_TellsTheSameFiguresAndLinks()
    {
        var text = (await CreateAsync(Message("dlv_1", JobsAtRisk(), FirmsNoData()))).TextBody;

        Assert.Contains(
            """
            500 flere job om året
            ---------------------
            Status er ændret fra På sporet til I risiko.

              Status:        I risiko
              Før:           På sporet
              Periode:       2024
              Faktisk:       41.800 job
              Forventet:     42.350 job
              Fremdrift:     69 %
              Fremskrivning: 44.121 job i 2030; målet nås ikke inden 2040

            Kilde: Danmarks Statistik

            Målet i årsrapporten: https://vaekst.horsens.dk/api/alliances/horsens/reports/2024?format=html#maal-horsens-jobs
            """.Replace("69 %", "69\u00A0%", StringComparison.Ordinal),
            text,
            StringComparison.Ordinal);
        Assert.Contains("Årsag: Der er endnu ingen tal for indikatoren.", text, StringComparison.Ordinal);
        Assert.Contains($"Årsrapporten 2024: {Report2024}\nDashboardet i Grafana: {Dashboard}\nAlle mål i GrowthMonitor: {FrontPage}\n", text, StringComparison.Ordinal);
        Assert.EndsWith(
            "-- \nDenne e-mail er sendt automatisk af GrowthMonitor til Mette Jensen, som følger vækstmålene i Vækstalliancen Horsens.\n" +
            "Beskeden er dannet 20. marts 2025 kl. 08.15.\n",
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_StatBankTarget_CreditsStatisticsDenmarkUnderTheFiguresAndInTheIntro()
    {
        var email = await CreateAsync(Message("dlv_1", JobsAtRisk()));
        var page = Html(email);

        Assert.Equal("GrowthMonitor følger jeres vækstmål i Vækstalliancen Horsens på de nyeste tal fra Danmarks Statistik.", page.QuerySelector("header p.lead")!.TextContent);
        Assert.Equal("Kilde: Danmarks Statistik", page.QuerySelector("section table + p")!.TextContent);
    }

    [Fact]
    public async Task Create_StatusChangeOnFiguresEnteredByHand_CreditsTheAllianceAndNeverStatisticsDenmark()
    {
        var email = await CreateAsync(Message("dlv_1", NetworkAtRisk()));
        var page = Html(email);

        Assert.Equal("Vækstalliancen Horsens: 10 flere virksomheder i netværket om året er nu I risiko", email.Subject);
        Assert.Equal("GrowthMonitor følger jeres vækstmål i Vækstalliancen Horsens på de nyeste tal, som alliancen selv har indtastet.", page.QuerySelector("header p.lead")!.TextContent);
        Assert.Equal("Kilde: egne tal, indtastet i GrowthMonitor", page.QuerySelector("section table + p")!.TextContent);
        Assert.Equal(
        [
            ("Status", "I risiko"), ("Før", "På sporet"), ("Periode", "2024"), ("Faktisk", "118 virksomheder"), ("Forventet", "120 virksomheder"),
            ("Fremdrift", "90\u00A0%"), ("Fremskrivning", "172 virksomheder i 2030; målet nås først i 2031, efter slutåret 2030"),
        ], Rows(page.QuerySelector("table")!));
        Assert.Contains("\nKilde: egne tal, indtastet i GrowthMonitor\n", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Danmarks Statistik", email.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Danmarks Statistik", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_StaleIndicatorEnteredByHand_SaysNoFiguresWereEntered()
    {
        var email = await CreateAsync(Message("dlv_1", NetworkStale()));
        var section = Html(email).QuerySelector("section")!;

        Assert.Equal("Vækstalliancen Horsens: Nye tal for Virksomheder i erhvervsnetværket mangler", email.Subject);
        Assert.Equal(
            "Der er ikke indtastet nye tal i GrowthMonitor, selv om nye tal var ventet. Målene på denne indikator vurderes derfor på ældre tal.",
            section.QuerySelector("p.summary")!.TextContent);
        Assert.DoesNotContain("Danmarks Statistik", email.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Danmarks Statistik", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_StatBankAndHandEnteredTargets_EachCreditedWithItsOwnSourceAndBothInTheIntro()
    {
        var page = Html(await CreateAsync(Message("dlv_1", JobsAtRisk(), NetworkAtRisk())));

        Assert.Equal(
            "GrowthMonitor følger jeres vækstmål i Vækstalliancen Horsens på de nyeste tal fra Danmarks Statistik og tal, som alliancen selv har indtastet.",
            page.QuerySelector("header p.lead")!.TextContent);
        Assert.Equal(["Kilde: Danmarks Statistik", "Kilde: egne tal, indtastet i GrowthMonitor"], page.QuerySelectorAll("section table + p").Select(p => p.TextContent));
    }

    [Fact]
    public async Task Create_EventRecordedWithoutItsSource_NamesNoSource()
    {
        // Events recorded before the source was kept with them.
        var email = await CreateAsync(Message("dlv_1", JobsAtRisk() with { IndicatorSource = null }));

        Assert.Equal("GrowthMonitor følger jeres vækstmål i Vækstalliancen Horsens.", Html(email).QuerySelector("header p.lead")!.TextContent);
        Assert.DoesNotContain("Kilde", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Danmarks Statistik", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_HostileTitle_IsTextNotMarkup()
    {
        const string hostile = "<script>alert('x')</script>&";
        var page = Html(await CreateAsync(Message("dlv_1", JobsAtRisk() with { Title = hostile })));

        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.Equal(hostile, page.QuerySelector("h2")!.TextContent);
    }

    [Fact]
    public async Task Create_NoEvents_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => CreateAsync(Message("dlv_1")));
    }

    private static Task<MimeMessage> CreateAsync(AlertMessage message) => AlertEmail.CreateAsync(message, Director, From, HorsensLinks().For);

    internal static IDocument Html(MimeMessage email) => new HtmlParser().ParseDocument(email.HtmlBody ?? throw new Xunit.Sdk.XunitException("The e-mail has no HTML part."));

    internal static IEnumerable<(string, string)> Rows(IElement table) =>
        table.QuerySelectorAll("tr").Select(tr => (tr.QuerySelector("th")!.TextContent, tr.QuerySelector("td")!.TextContent));
}
