using GrowthMonitor.Catalog;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Alerts;

/// <summary>
/// One recipient of an alliance's alerts: an e-mail address (contacts and target owners with the same address are one
/// route, so they get one message) or a webhook. <see cref="Key"/> names the route in the ledger and the API.
/// </summary>
public sealed record AlertRoute(
    string Key,
    string Alliance,
    EmailRecipient? Email,
    WebhookTarget? Webhook,
    IReadOnlySet<AlertEventType> Events,
    TimeSpan RepeatInterval,
    bool Muted,
    IReadOnlySet<string>? OnlyTargets)
{
    /// <summary><c>email</c> or <c>webhook</c>: how the route is told.</summary>
    public string Channel => Email is null ? "webhook" : "email";

    /// <summary>Sends a message the route's way: to its e-mail recipient, or to its webhook.</summary>
    public Task SendAsync(AlertMessage message, IEmailSender email, IWebhookSender webhooks, CancellationToken cancellationToken) =>
        Email is { } recipient ? email.SendAsync(recipient, message, cancellationToken) : webhooks.SendAsync(Webhook!, message, cancellationToken);

    /// <summary>Whether this route is told of <paramref name="alertEvent"/>; an owner only of their own targets.</summary>
    public bool Takes(AlertEvent alertEvent, GrowthCatalog catalog) =>
        !Muted
        && alertEvent.Alliance == Alliance
        && (alertEvent.OnlyFor is null || alertEvent.OnlyFor == Key)
        && Events.Contains(alertEvent.Type)
        && (OnlyTargets is null
            || (alertEvent.Target is { } target && OnlyTargets.Contains(target))
            || (alertEvent.Target is null && OnlyTargets.Any(t => catalog.FindTarget(t)?.Indicator.Id == alertEvent.Indicator)));
}

/// <summary>Works out every alliance's routes from the catalog (contacts, owners, webhooks) and <see cref="AlertOptions"/>.</summary>
public sealed class AlertRoutes(GrowthCatalog catalog, IOptions<AlertOptions> options)
{
    /// <summary>Webhooks feed other systems; a monthly reminder is for people, so webhooks skip repeats unless they ask.</summary>
    private static readonly IReadOnlySet<AlertEventType> EmailDefaults = Enum.GetValues<AlertEventType>().Where(t => t != AlertEventType.AlertTest).ToHashSet();

    private static readonly IReadOnlySet<AlertEventType> WebhookDefaults = EmailDefaults.Where(t => t != AlertEventType.TargetStillOffTrack).ToHashSet();

    private readonly Lazy<IReadOnlyList<AlertRoute>> all = new(() => [.. catalog.Alliances.SelectMany(a => Resolve(catalog, a, options.Value))]);

    public IReadOnlyList<AlertRoute> All => all.Value;

    public AlertRoute? Find(string key) => All.FirstOrDefault(r => r.Key == key);

    public static string EmailKey(string alliance, string email) => $"email:{alliance}:{email.Trim().ToLowerInvariant()}";

    public static string WebhookKey(string id) => $"webhook:{id}";

    private static IEnumerable<AlertRoute> Resolve(GrowthCatalog catalog, AllianceDefinition alliance, AlertOptions options)
    {
        var contacts = alliance.ContactList.ToDictionary(c => EmailKey(alliance.Id, c.Email));
        foreach (var (key, contact) in contacts)
        {
            yield return Route(key, alliance.Id, contact, EmailDefaults, options) with { Email = new EmailRecipient(contact.Name, contact.Email.Trim()) };
        }

        // An owner who is not also a contact hears of their own targets only.
        var owners = catalog.TargetsOf(alliance)
            .Where(t => t.Spec.Owner is not null)
            .GroupBy(t => EmailKey(alliance.Id, t.Spec.Owner!.Email))
            .Where(g => !contacts.ContainsKey(g.Key));
        foreach (var owned in owners)
        {
            var owner = owned.First().Spec.Owner!;
            yield return Route(owned.Key, alliance.Id, owner, EmailDefaults, options) with
            {
                Email = new EmailRecipient(owner.Name, owner.Email.Trim()),
                OnlyTargets = owned.Select(t => t.Id).ToHashSet(StringComparer.Ordinal),
            };
        }

        foreach (var webhook in alliance.WebhookList)
        {
            yield return Route(WebhookKey(webhook.Id), alliance.Id, webhook, WebhookDefaults, options) with
            {
                Webhook = new WebhookTarget(webhook.Id, new Uri(webhook.Url), AlertWire.WebhookFormats.TryParse(webhook.Format, out var format) ? format : WebhookFormat.Json),
            };
        }
    }

    private static AlertRoute Route(string key, string alliance, RouteSettings settings, IReadOnlySet<AlertEventType> defaults, AlertOptions options) => new(
        key,
        alliance,
        null,
        null,
        settings.Events is { } names ? names.Select(n => AlertWire.Events.TryParse(n, out var type) ? type : (AlertEventType?)null).OfType<AlertEventType>().ToHashSet() : defaults,
        settings.RepeatDays is { } days ? TimeSpan.FromDays(days) : options.RepeatInterval,
        settings.Muted,
        null);
}
