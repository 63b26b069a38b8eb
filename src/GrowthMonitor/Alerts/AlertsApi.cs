using GrowthMonitor.Catalog;
using GrowthMonitor.Http;
using GrowthMonitor.Presentation;
using GrowthMonitor.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrowthMonitor.Alerts;

/// <summary>A route as operators see it: where it goes, which events it takes, how often a repeat.</summary>
public sealed record AlertRouteView(string Key, string Alliance, string Channel, string Recipient, IReadOnlyList<AlertEventType> Events, double RepeatIntervalDays, bool Muted, IReadOnlyList<string>? OnlyTargets)
{
    public static AlertRouteView From(AlertRoute route) => new(
        route.Key,
        route.Alliance,
        route.Channel,
        route.Email is { } email ? $"{email.Name} <{email.Email}>" : $"{route.Webhook!.Id} ({AlertWire.WebhookFormats.Of(route.Webhook.Format)}, {route.Webhook.Url.Host})",
        [.. route.Events.Order()],
        route.RepeatInterval.TotalDays,
        route.Muted,
        route.OnlyTargets is { } targets ? [.. targets.Order(StringComparer.Ordinal)] : null);
}

public sealed record AlertTestRequest(string? Route);

public sealed record AlertTestResult(string Route, string DeliveryId, bool Delivered);

public static class AlertsApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>Operator endpoints: who is told what, and a test message to one route.</summary>
    public static RouteGroupBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/alerts").WithTags("Alerts").RequireApiKey();
        group.MapGet("/", ListAlerts).ProducesProblem(StatusCodes.Status400BadRequest).WithSummary("Recent alert events, newest first, with their deliveries (operator key required).");
        group.MapGet("/routes", ListRoutes).WithSummary("Every route alerts go to: e-mail recipients and webhooks (operator key required).");
        group.MapPost("/test", SendTest)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status502BadGateway)
            .WithSummary("Sends a test message to one route now and says whether it arrived (operator key required).");
        return group;
    }

    /// <param name="limit">How many events, 1–500; 50 by default.</param>
    public static async Task<Results<Ok<AlertHistoryEntry[]>, ProblemHttpResult>> ListAlerts(int? limit, AlertLedger ledger, CancellationToken cancellationToken) =>
        limit is < 1 or > MaxLimit
            ? Problems.BadRequest("Invalid limit", $"limit must be from 1 to {MaxLimit}.")
            : TypedResults.Ok((await ledger.RecentAsync(limit ?? DefaultLimit, cancellationToken)).ToArray());

    public static Ok<AlertRouteView[]> ListRoutes(AlertRoutes routes) => TypedResults.Ok(routes.All.Select(AlertRouteView.From).ToArray());

    public static async Task<Results<Ok<AlertTestResult>, ProblemHttpResult>> SendTest(
        AlertTestRequest request, AlertRoutes routes, GrowthCatalog catalog, IEmailSender email, IWebhookSender webhooks, SourceCredit credit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Route))
        {
            return Problems.BadRequest("Missing route", "Name the route to test, e.g. {\"route\": \"webhook:horsens-teams\"}; GET /api/alerts/routes lists them.");
        }

        if (routes.Find(request.Route) is not { } route)
        {
            return Problems.NotFound("route", request.Route);
        }

        if (route.Email is not null && !email.Enabled)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "E-mail is off", detail: "Set Smtp:Host (and Smtp:From) to send e-mail.");
        }

        var now = time.GetUtcNow();
        var alliance = catalog.FindAlliance(route.Alliance)!;
        var test = new AlertEvent(AlertEvents.Id("test", route.Key, now.ToString("O")), AlertEventType.AlertTest, now, alliance.Id, alliance.Name,
            null, null, null, null, null, null, null, null, "Dette er en testbesked fra GrowthMonitor. Den kræver ingen handling.");
        var message = new AlertMessage("test_" + test.Id["evt_".Length..], alliance.Name, [test], now) { Credit = credit };
        try
        {
            await route.SendAsync(message, email, webhooks, cancellationToken);
        }
        catch (DeliveryFailedException e)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status502BadGateway,
                title: "The test message was not delivered",
                detail: $"{(e.Transient ? "Transient" : "Permanent")} failure: {e.Message}");
        }

        return TypedResults.Ok(new AlertTestResult(route.Key, message.DeliveryId, Delivered: true));
    }
}
