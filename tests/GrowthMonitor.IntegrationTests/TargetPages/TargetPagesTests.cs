using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GrowthMonitor.IntegrationTests.Infrastructure;
using static GrowthMonitor.IntegrationTests.TargetPages.TargetPagesService;

namespace GrowthMonitor.IntegrationTests.TargetPages;

/// <summary>
/// <c>/mine-maal</c> and <c>/maal/{targetId}</c> as a browser without JavaScript uses them, against the service on real
/// PostgreSQL and InfluxDB: who is sent to sign in, who sees which targets and forms, 404 and 403 as Danish pages, and
/// the forms' figures and notes checked and written as the API checks and writes them. One service for the class;
/// each test keeps to its own person, target or period.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class TargetPagesTests(TargetPagesService service) : IClassFixture<TargetPagesService>
{
    private static readonly string Apprentices = "/maal/" + ApprenticesTarget;

    private static readonly string Network = "/maal/" + NetworkTarget;

    private static readonly string Trainees = "/maal/" + TraineesTarget;

    [Fact]
    public async Task MyTargets_NotSignedIn_RedirectedToSignIn()
    {
        var (status, _, response) = await service.Anonymous().GetAsync("/mine-maal");

        Assert.Equal((HttpStatusCode.Found, "/log-ind"), (status, response.Headers.Location?.OriginalString));
    }

    [Fact]
    public async Task MyTargets_ContributorOfOneGroupAndViewer_TheirTargetsWithStatusAndLinks()
    {
        var lone = await service.SignInAsync(Lone);
        var vibeke = await service.SignInAsync(Vibeke);

        var (loneStatus, loneHtml, _) = await lone.GetAsync("/mine-maal");
        var (vibekeStatus, vibekeHtml, _) = await vibeke.GetAsync("/mine-maal");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (loneStatus, vibekeStatus));
        // Lone contributes to "Uddannelse" only; a viewer of the alliance follows both groups' targets.
        Assert.Contains($"href=\"{Apprentices}\"", loneHtml, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"{Network}\"", loneHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(Business, loneHtml, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"alliance-hedensted\">Hedensted Erhvervsalliance</h2>", loneHtml, StringComparison.Ordinal);
        Assert.Contains($"<h3>{Education}</h3>", loneHtml, StringComparison.Ordinal);
        Assert.Contains("Ingen data", loneHtml, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Apprentices}\"", vibekeHtml, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Network}\"", vibekeHtml, StringComparison.Ordinal);
        Assert.True(vibekeHtml.IndexOf(Business, StringComparison.Ordinal) < vibekeHtml.IndexOf(Education, StringComparison.Ordinal), "The groups in the alliance's order.");
    }

    [Fact]
    public async Task Target_UnknownId_404DanishPage()
    {
        var (status, html, _) = await service.Anonymous().GetAsync("/maal/ingen-saadan");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("<html lang=\"da\">", html, StringComparison.Ordinal);
        Assert.Contains("Der er intet mål ved navn »ingen-saadan«.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Target_SignedOutViewerAndOtherGroupsContributor_ThePageWithoutForms()
    {
        var ole = await service.SignInAsync(Ole with { Email = "ole.viewer-check@hedensted.example" });
        var vibeke = await service.SignInAsync(Vibeke with { Email = "vibeke.forms@hedensted.example" });

        foreach (var visitor in new[] { service.Anonymous(), vibeke, ole })
        {
            var (status, html, _) = await visitor.GetAsync(Apprentices);

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("<h1>Flere lærlinge i 2026</h1>", html, StringComparison.Ordinal);
            Assert.Contains("Hedensted Erhvervsalliance · Uddannelse · Indikator: Nye lærlinge", html, StringComparison.Ordinal);
            Assert.DoesNotContain("action=\"/maal/", html, StringComparison.Ordinal);
        }

        // The contributor of the group sees both forms.
        var (_, own, _) = await (await service.SignInAsync(Ole with { Email = "ole.forms@hedensted.example" })).GetAsync(Network);
        Assert.Contains($"action=\"{Network}/tal\"", own, StringComparison.Ordinal);
        Assert.Contains($"action=\"{Network}/noter\"", own, StringComparison.Ordinal);
        // The periods in Danish words, the code as the value: from the goal's year to the half-year that holds today.
        Assert.Contains("<option value=\"2026H2\">2. halvår 2026</option>", own, StringComparison.Ordinal);
        Assert.Contains("<option value=\"2026H1\" selected>1. halvår 2026</option>", own, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ContributorOfAnotherGroup_403DanishPageAndNothingStored()
    {
        var ole = await service.SignInAsync(Ole with { Email = "ole.refused@hedensted.example" });
        await ole.GetAsync(Apprentices);

        var figure = await ole.PostAsync(Apprentices + "/tal", [new("period", "2026H1"), new("value", "7")]);
        var note = await ole.PostAsync(Apprentices + "/noter", [new("period", "2026H1"), new("text", "Ikke min gruppe.")]);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (figure.Status, note.Status));
        Assert.Contains("<h1>Ingen adgang</h1>", figure.Html, StringComparison.Ordinal);
        Assert.DoesNotContain((await service.Harness.StoredAsync("apprentices")), p => p.Value == 7);
        var notes = await service.Operator.GetFromJsonAsync<JsonElement[]>($"/api/targets/{ApprenticesTarget}/notes");
        Assert.DoesNotContain(notes!, n => n.GetProperty("text").GetString() == "Ikke min gruppe.");
    }

    [Fact]
    public async Task EnterFigure_DanishDecimalComma_Stored1234Point5AuditedAndRedirectedWithConfirmation()
    {
        var lone = await service.SignInAsync(Lone with { Email = "lone.figure@hedensted.example" });
        await lone.GetAsync(Apprentices);

        var (status, _, response) = await lone.PostAsync(Apprentices + "/tal", [new("period", "2025H2"), new("value", "1.234,5")]);

        Assert.Equal((HttpStatusCode.SeeOther, $"{Apprentices}?gemt=tal"), (status, response.Headers.Location?.OriginalString));
        Assert.Contains(("766", new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero), 1234.5), await service.Harness.StoredAsync("apprentices"));
        var (_, page, _) = await lone.GetAsync($"{Apprentices}?gemt=tal");
        Assert.Contains("Tallet er gemt.", page, StringComparison.Ordinal);
        // The audit on the page names the person, the period in words and the value as Danes write it.
        Assert.Contains("<th scope=\"row\">2. halvår 2025</th>", page, StringComparison.Ordinal);
        Assert.Contains("1.234,5", page, StringComparison.Ordinal);
        Assert.Contains("Lone Lund &lt;lone.figure@hedensted.example&gt;", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Target_OpenedAgainWithTheCookie_TheSameFormTokenWhichTheFormTakes_AnotherPersonWithTheCookieGetsTheirOwn()
    {
        var lone = await service.SignInAsync(Lone with { Email = "lone.token@hedensted.example" });
        var vibeke = await service.SignInAsync(Vibeke with { Email = "vibeke.token@hedensted.example" });
        // The first page sets the antiforgery cookie; from then on the browser sends it.
        await lone.GetAsync(Apprentices);
        await lone.GetAsync(Apprentices);
        var first = lone.FormToken;

        var (_, _, again) = await lone.GetAsync(Apprentices);
        vibeke.UseAntiforgeryCookieOf(lone);
        await vibeke.GetAsync(Apprentices);

        // Antiforgery seals every token it makes with a fresh IV: an equal token is the one made for the first page.
        Assert.Equal(first, lone.FormToken);
        Assert.Equal((true, true), (again.Headers.CacheControl?.NoCache, again.Headers.CacheControl?.NoStore));
        // A token is bound to the person's claims too: the same cookie gives another person another token.
        Assert.NotNull(vibeke.FormToken);
        Assert.NotEqual(first, vibeke.FormToken);
        var (status, _, _) = await lone.PostAsync(Apprentices + "/noter", [new("period", "2026H1"), new("text", "Samme token to gange.")]);
        Assert.Equal(HttpStatusCode.SeeOther, status);
    }

    [Fact]
    public async Task EnterFigure_Letters_400WithTheMessageBesideTheFieldAndNothingStored()
    {
        var ole = await service.SignInAsync(Ole with { Email = "ole.letters@hedensted.example" });
        await ole.GetAsync(Network);

        var (status, html, _) = await ole.PostAsync(Network + "/tal", [new("period", "2026H1"), new("value", "abc")]);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        const string Message = "Skriv et tal som fx 1234, 1.234, 1.234,5 eller -12,5: komma før decimalerne.";
        Assert.Contains($"<span class=\"field-error\" id=\"tal-vaerdi-fejl\">{Message}</span>", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\" aria-describedby=\"tal-vaerdi-hint tal-vaerdi-fejl\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"abc\"", html, StringComparison.Ordinal);
        Assert.Contains($"<li><a href=\"#tal-vaerdi\">{Message}</a></li>", html, StringComparison.Ordinal);
        Assert.Contains("<title>Fejl: Flere virksomheder i netværket – GrowthMonitor</title>", html, StringComparison.Ordinal);
        Assert.Empty(await service.Harness.StoredAsync("network-firms"));
    }

    [Fact]
    public async Task EnterFigure_PeriodNotBegunOrNoToken_RefusedAndNothingStored()
    {
        var ole = await service.SignInAsync(Ole with { Email = "ole.future@hedensted.example" });
        await ole.GetAsync(Network);

        var future = await ole.PostAsync(Network + "/tal", [new("period", "2027H1"), new("value", "5")]);
        var noToken = await ole.PostAsync(Network + "/tal", [new("period", "2026H1"), new("value", "5")], withToken: false);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (future.Status, noToken.Status));
        Assert.Contains("<span class=\"field-error\" id=\"tal-periode-fejl\">Tal for 1. halvår 2027 kan først indtastes, når perioden er begyndt.</span>", future.Html, StringComparison.Ordinal);
        Assert.Empty(await service.Harness.StoredAsync("network-firms"));
    }

    [Fact]
    public async Task WriteNote_TextThenEmpty_StoredAndShownThen400BesideTheField()
    {
        var lone = await service.SignInAsync(Lone with { Email = "lone.note@hedensted.example", Name = "Lone Note" });
        await lone.GetAsync(Apprentices);

        var saved = await lone.PostAsync(Apprentices + "/noter", [new("period", "2026H1"), new("text", "To nye lærepladser hos Hedensted Maskinfabrik.")]);
        var empty = await lone.PostAsync(Apprentices + "/noter", [new("period", "2026H1"), new("text", "  ")]);

        Assert.Equal((HttpStatusCode.SeeOther, $"{Apprentices}?gemt=note"), (saved.Status, saved.Response.Headers.Location?.OriginalString));
        var (_, page, _) = await lone.GetAsync($"{Apprentices}?gemt=note");
        Assert.Contains("Noten er gemt.", page, StringComparison.Ordinal);
        Assert.Contains("<strong>1. halvår 2026:</strong> To nye lærepladser hos Hedensted Maskinfabrik. <span class=\"when\">– Lone Note,", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Contains("<span class=\"field-error\" id=\"note-tekst-fejl\">Skriv noten.</span>", empty.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetGoals_ThisAndNextYearWithDecimalComma_StoredAuditedAndTheExpectedPathFollows()
    {
        var lone = await service.SignInAsync(Lone with { Email = "lone.goals@hedensted.example" });
        var (_, form, _) = await lone.GetAsync(Trainees);

        // 2025 is over (today is 15 September 2026): shown with its goal and where it comes from, without a field.
        Assert.Contains($"action=\"{Trainees}/maal\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"maal-2025\"", form, StringComparison.Ordinal);
        Assert.Matches("<th scope=\"row\">2025</th>\\s*<td class=\"num\">8 praktikanter</td>\\s*<td>fra opsætningen</td>", form);
        Assert.Contains("name=\"maal-2026\" value=\"10\"", form.Replace("id=\"maal-2026\" ", "", StringComparison.Ordinal), StringComparison.Ordinal);

        var (status, _, response) = await lone.PostAsync(Trainees + "/maal", [new("maal-2026", "14,5"), new("maal-2027", "12,5")]);

        Assert.Equal((HttpStatusCode.SeeOther, $"{Trainees}?gemt=maal"), (status, response.Headers.Location?.OriginalString));
        var audit = await service.Operator.GetFromJsonAsync<JsonElement[]>($"/api/targets/{TraineesTarget}/goals/audit");
        Assert.Equal(
            [(2026, (double?)10, 14.5), (2027, null, 12.5)],
            audit!.Select(c => (c.GetProperty("year").GetInt32(), c.GetProperty("old").ValueKind == JsonValueKind.Null ? null : (double?)c.GetProperty("old").GetDouble(), c.GetProperty("new").GetDouble())));
        await service.Harness.EvaluateAsync();
        var (_, page, _) = await lone.GetAsync($"{Trainees}?gemt=maal");
        Assert.Contains("Årets mål er gemt.", page, StringComparison.Ordinal);
        Assert.Contains("Nu gælder 12,5 (sat af Lone Lund &lt;lone.goals@hedensted.example&gt; den 15. september 2026).", page, StringComparison.Ordinal);
        // With no figures yet, the expected path is the goals themselves, year by year, as evaluated again.
        Assert.Matches("<tr id=\"periode-2026\"><th scope=\"row\">2026</th>\\s*<td[^>]*>(?:(?!</tr>)[\\s\\S])*?</td>\\s*<td class=\"num\">14,5</td>", page);
        Assert.Matches("<tr id=\"periode-2027\"><th scope=\"row\">2027</th>\\s*<td[^>]*>(?:(?!</tr>)[\\s\\S])*?</td>\\s*<td class=\"num\">12,5</td>", page);
    }

    [Fact]
    public async Task SetGoals_AmbiguousNumber_400BesideTheFieldAndNothingStored()
    {
        var ole = await service.SignInAsync(Ole with { Email = "ole.goals@hedensted.example" });
        await ole.GetAsync(Network);

        var (status, html, _) = await ole.PostAsync(Network + "/maal", [new("maal-2026", "12.5")]);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Matches("<span class=\"field-error\" id=\"maal-2026-fejl\">[^<]+</span>", html);
        Assert.Contains("<li><a href=\"#maal-2026\">", html, StringComparison.Ordinal);
        Assert.Contains("value=\"12.5\"", html, StringComparison.Ordinal);
        Assert.Empty((await service.Operator.GetFromJsonAsync<JsonElement[]>($"/api/targets/{NetworkTarget}/goals/audit"))!);
    }

    [Fact]
    public async Task SetGoals_ContributorOfAnotherGroup_403AndNoFormShown()
    {
        var ole = await service.SignInAsync(Ole with { Email = "ole.othergoals@hedensted.example" });
        var (_, page, _) = await ole.GetAsync(Trainees);

        var (status, html, _) = await ole.PostAsync(Trainees + "/maal", [new("maal-2027", "99")]);

        Assert.DoesNotContain("Sæt årets mål", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("<h1>Ingen adgang</h1>", html, StringComparison.Ordinal);
        var audit = await service.Operator.GetFromJsonAsync<JsonElement[]>($"/api/targets/{TraineesTarget}/goals/audit");
        Assert.DoesNotContain(audit!, c => c.GetProperty("new").GetDouble() == 99);
    }

    [Fact]
    public async Task Due_MissingFirstHalfOf2026_OnMyTargetsAndBesideTheFigureForm()
    {
        var lone = await service.SignInAsync(Lone with { Email = "lone.due@hedensted.example" });

        var (_, mine, _) = await lone.GetAsync("/mine-maal");
        var (_, target, _) = await lone.GetAsync(Apprentices);

        // 1. halvår 2026 ends 30 June; with 30 days to enter it, the last day was 30 July, before today (15 September).
        const string Due = "Tal for 1. halvår 2026 mangler, fristen var 30. juli 2026";
        Assert.Contains($"<li>{Due}</li>", mine, StringComparison.Ordinal);
        Assert.Contains($"<li>{Due}. <a href=\"#tal-form\">Indtast tallet</a></li>", target, StringComparison.Ordinal);
        Assert.Contains("<form id=\"tal-form\"", target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Target_WithAGoal_ChartDrawn()
    {
        var (_, html, _) = await service.Anonymous().GetAsync(Apprentices);

        Assert.Contains("<svg class=\"chart\"", html, StringComparison.Ordinal);
        Assert.Contains("<title id=\"diagram-title\">Nye lærlinge: faktisk og forventet udvikling</title>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FigureNoteAndGoal_EnteredThroughTheForms_InTheGroupsFollowUpReport()
    {
        var lone = await service.SignInAsync(Lone with { Email = "lone.report@hedensted.example", Name = "Lone Rapport" });
        await lone.GetAsync(Apprentices);

        var figure = await lone.PostAsync(Apprentices + "/tal", [new("period", "2026H2"), new("value", "7,5")]);
        var note = await lone.PostAsync(Apprentices + "/noter", [new("period", "2026H2"), new("text", "Praktikpladsmessen gav syv aftaler.")]);
        var goal = await lone.PostAsync(Apprentices + "/maal", [new("maal-2026", "24")]);
        await service.Harness.EvaluateAsync();

        Assert.Equal((HttpStatusCode.SeeOther, HttpStatusCode.SeeOther, HttpStatusCode.SeeOther), (figure.Status, note.Status, goal.Status));
        var report = await service.Operator.GetStringAsync($"/api/alliances/hedensted/reports/2026?format=html&focusArea={Uri.EscapeDataString(Education)}");
        Assert.Contains("Praktikpladsmessen gav syv aftaler.", report, StringComparison.Ordinal);
        Assert.Contains("Lone Rapport", report, StringComparison.Ordinal);
        Assert.Contains("24 lærlinge i 2026", report, StringComparison.Ordinal);
        Assert.Contains("7,5", report, StringComparison.Ordinal);
    }
}
