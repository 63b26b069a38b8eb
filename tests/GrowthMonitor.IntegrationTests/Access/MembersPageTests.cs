using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GrowthMonitor.Access;
using GrowthMonitor.IntegrationTests.Infrastructure;

namespace GrowthMonitor.IntegrationTests.Access;

/// <summary>
/// <c>/alliancer/{id}/medlemmer</c> as an admin uses it without JavaScript, on real servers: the members listed, one
/// invited (the invitation arrives on the SMTP server), changed and removed, each through the API's own path and seen
/// by the API afterwards; a wrong address re-rendered with the error next to the field; a machine key made (shown
/// once), working, and revoked; a contributor refused. One service for the class.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed partial class MembersPageTests(PagesFixture service) : IClassFixture<PagesFixture>
{
    private const string Page = "/alliancer/" + PagesFixture.Hedensted + "/medlemmer";

    [Fact]
    public async Task MembersPage_AdminListsInvitesChangesRemoves_ThroughTheApisPath()
    {
        const string Carla = "carla.moeller@hedensted.example";
        using var henrik = await service.SignInAsync(PagesFixture.Admin);
        Assert.Equal(HttpStatusCode.OK, (await henrik.GetAsync(Page)).StatusCode);
        Assert.Contains("<th scope=\"row\">Anders Holm</th><td>anders.holm@hedensted.example</td><td>bidragyder</td><td>Det gode arbejdsliv</td>", henrik.Html, StringComparison.Ordinal);

        var invalid = await henrik.PostFormAsync(Page + "/inviter", ("email", "ikke en adresse"), ("name", "Carla Møller"), ("role", "contributor"));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("""<span class="field-error" id="inviter-email-fejl">Skriv en e-mailadresse, fx anne.holm@hedensted.dk.</span>""", henrik.Html, StringComparison.Ordinal);
        Assert.Contains("""aria-invalid="true" aria-describedby="inviter-email-fejl""", henrik.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"Carla Møller\"", henrik.Html, StringComparison.Ordinal);

        var invited = await henrik.PostFormAsync(Page + "/inviter", ("email", Carla), ("name", "Carla Møller"), ("role", "contributor"), ("focusAreas", PagesFixture.FocusB));
        Assert.Equal(HttpStatusCode.SeeOther, invited.StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(service.MailTo(Carla).Count == 1), Eventually.BackgroundWork);
        Assert.Equal("Invitation til GrowthMonitor – Hedensted Kommune", service.MailTo(Carla)[0].Message.Subject);
        await henrik.GetAsync(henrik.LastLocation!);
        Assert.Contains($"{Carla} er inviteret", henrik.Html, StringComparison.Ordinal);
        Assert.Equal(("contributor", PagesFixture.FocusB), await MemberAsync(Carla) is { } added ? ((string)added["role"]!, (string)added["focusAreas"]![0]!) : default);

        Assert.Equal(HttpStatusCode.SeeOther, (await henrik.PostFormAsync(Page + "/ret", ("email", Carla), ("name", "Carla Møller"), ("role", "viewer"))).StatusCode);
        Assert.Equal("viewer", (string?)(await MemberAsync(Carla))?["role"]);

        await henrik.GetAsync(Page);
        Assert.Equal(HttpStatusCode.SeeOther, (await henrik.PostFormAsync(Page + "/fjern", ("email", Carla))).StatusCode);
        Assert.Null(await MemberAsync(Carla));
        await henrik.GetAsync(henrik.LastLocation!);
        Assert.Contains($"{Carla} er fjernet fra alliancen.", henrik.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MembersPage_KeyMadeShownOnceWorksAndRevoked()
    {
        using var henrik = await service.SignInAsync(PagesFixture.Admin);
        await henrik.GetAsync(Page);

        var made = await henrik.PostFormAsync(Page + "/noegler", ("name", "intranet"), ("role", "viewer"));

        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        Assert.True(made.Headers.CacheControl?.NoStore);
        var secret = KeyPattern().Match(henrik.Html).Value;
        Assert.StartsWith(MachineKeys.Prefix, secret, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(secret)).StatusCode);
        await henrik.GetAsync(Page);
        Assert.DoesNotContain(secret, henrik.Html, StringComparison.Ordinal);
        Assert.Matches("<th scope=\"row\">intranet</th>\\s*<td>læser</td>", henrik.Html);

        Assert.Equal(HttpStatusCode.SeeOther, (await henrik.PostFormAsync(Page + "/noegler/tilbagekald", ("name", "intranet"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(secret)).StatusCode);
    }

    [Fact]
    public async Task MembersPage_ContributorOrOtherAlliancesAdmin_Refused403()
    {
        using var anders = await service.SignInAsync(PagesFixture.ContributorA);
        using var yvonne = await service.SignInAsync(PagesFixture.HorsensContributor);
        using var anonymous = service.Anonymous();

        Assert.Equal(HttpStatusCode.Forbidden, (await anders.GetAsync(Page)).StatusCode);
        Assert.Contains("Kun alliancens administratorer", anders.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await yvonne.GetAsync(Page)).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await anonymous.GetAsync(Page)).StatusCode);
        // A post without the grant changes nothing, whatever it carries.
        await anders.GetAsync("/indikatorer/" + PagesFixture.Network + "/upload");
        Assert.Equal(HttpStatusCode.Forbidden, (await anders.PostFormAsync(Page + "/fjern", ("email", PagesFixture.ContributorB))).StatusCode);
        Assert.NotNull(await MemberAsync(PagesFixture.ContributorB));
    }

    private async Task<JsonNode?> MemberAsync(string email) =>
        (await service.Operator.GetFromJsonAsync<JsonArray>($"/api/alliances/{PagesFixture.Hedensted}/members"))!.FirstOrDefault(m => (string?)m!["email"] == email);

    private async Task<HttpResponseMessage> MeAsync(string key)
    {
        using var client = service.Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return await client.GetAsync("/api/me");
    }

    [GeneratedRegex("gmk_[A-Za-z0-9_-]+")]
    private static partial Regex KeyPattern();
}
