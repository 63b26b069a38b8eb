using System.Text.Json.Serialization;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Http;
using GrowthMonitor.Presentation;
using GrowthMonitor.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrowthMonitor.Indicators;

/// <summary>
/// One estimate the method could have made for <see cref="Year"/> with the leading indicator's period
/// <see cref="BasedOn"/>; <see cref="Low"/> and <see cref="High"/> are absent without a band (fewer than 20 errors of
/// earlier years), <see cref="Official"/> and <see cref="Error"/> while the year is not published.
/// </summary>
/// <param name="Error">The relative error Ŷ / Y − 1, a fraction (−0.012 is 1.2 % too low).</param>
public sealed record NowcastItem(
    int Year,
    Period BasedOn,
    double Value,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Low,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? High,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Official,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Error)
{
    public static NowcastItem Of(NowcastEstimate estimate) =>
        new(estimate.Year, estimate.Quarter, estimate.Value, estimate.Low, estimate.High, estimate.Official, estimate.Error);
}

/// <summary>Every estimate the method could have made on the figures of <see cref="Areas"/>, summed.</summary>
public sealed record NowcastsResponse(string Indicator, string LeadingIndicator, IReadOnlyList<string> Areas, IReadOnlyList<NowcastItem> Estimates)
{
    /// <summary>Where the figures come from (<see cref="SourceCredit"/>).</summary>
    public string Source { get; init; } = SourceCredit.StatBank;
}

/// <summary>The method's record per period of the year (<see cref="NowcastAccuracy"/>), pooled over every area and per area.</summary>
public sealed record NowcastAccuracyResponse(string Indicator, string LeadingIndicator, IReadOnlyList<QuarterNowcastRecord> Quarters)
{
    public string Source { get; init; } = SourceCredit.StatBank;
}

/// <summary>An annual indicator and the leading indicator its catalog entry names (<c>"nowcast": {"from": …}</c>).</summary>
public sealed record NowcastPair(IndicatorDefinition Indicator, IndicatorDefinition Leading)
{
    /// <summary>The pair of <paramref name="indicator"/>; null when it names no leading indicator.</summary>
    public static NowcastPair? Of(GrowthCatalog catalog, IndicatorDefinition indicator) =>
        indicator.Nowcast is { From: var from } && catalog.FindIndicator(from) is { } leading ? new(indicator, leading) : null;

    /// <summary>Why there is nothing to show for an indicator without a leading one, naming those that have one.</summary>
    public static string NoLeadingIndicator(GrowthCatalog catalog, string id) =>
        $"Indicator '{id}' has no leading indicator (no \"nowcast\" in the catalog), so nothing estimates it early. Indicators with one: "
        + (string.Join(", ", catalog.Indicators.Where(i => i.Nowcast is not null).Select(i => i.Id)) is { Length: > 0 } led ? led : "none") + ".";

    /// <summary>Every single area both indicators have stored figures for, each on its own.</summary>
    public async Task<IReadOnlyList<NowcastArea>> SharedAreasAsync(SeriesStore series, CancellationToken cancellationToken)
    {
        var (annual, leading) = await series.ReadForNowcastAsync(Indicator.Id, Leading.Id, cancellationToken);
        return NowcastArea.Shared(annual.Areas, leading.Areas);
    }

    /// <summary>The method's record on the stored figures: every single area both indicators have, on its own.</summary>
    public async Task<IReadOnlyList<QuarterNowcastRecord>> AccuracyAsync(SeriesStore series, CancellationToken cancellationToken) =>
        NowcastAccuracy.Of(await SharedAreasAsync(series, cancellationToken));

    /// <summary>The source line of figures made from both indicators.</summary>
    public string Source(SourceCredit credit) => credit.Of([Indicator.SourceName, Leading.SourceName]);
}

public static class NowcastEndpoints
{
    public static RouteGroupBuilder MapNowcasts(this RouteGroupBuilder indicators)
    {
        indicators.MapGet("/{id}/nowcasts", GetNowcasts)
            .WithSummary("Every early estimate of an annual indicator the method could have made from its leading indicator (catalog: nowcast.from), "
                + "per year and quarter, for one area or several summed, with the band it would have had then, the official figure where known and the relative error.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        indicators.MapGet("/{id}/nowcasts/accuracy", GetAccuracy)
            .WithSummary("How well the early estimate has done, per quarter it was made with, pooled over every area and per area: mean absolute error "
                + "in units and in %, the band's coverage, and the same errors for the baselines \"no change\" and \"last year's change repeated\".")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return indicators;
    }

    /// <param name="area">A Statistics Denmark area code such as 615, required; given several times, the areas' figures are summed (as a target over several areas is judged).</param>
    public static async Task<Results<Ok<NowcastsResponse>, ProblemHttpResult>> GetNowcasts(
        string id, string[]? area, GrowthCatalog catalog, SeriesStore series, SourceCredit credit, CancellationToken cancellationToken)
    {
        var (pair, problem) = Find(catalog, id);
        if (pair is null)
        {
            return problem!;
        }

        // Every area on its own would be the accuracy endpoint's question; all areas summed mixes Denmark with its parts.
        if (area is not { Length: > 0 })
        {
            return Problems.BadRequest("No area", "Give the area to estimate, e.g. area=615; several area parameters are summed.", "Angiv et område, fx area=615.");
        }

        if (area.FirstOrDefault(a => !SeriesEndpoint.IsAreaCode(a)) is not null)
        {
            return SeriesEndpoint.InvalidArea();
        }

        if (area.Distinct().Count() != area.Length)
        {
            return Problems.BadRequest("Invalid area", "Each area may be given once; its figures would be counted twice.");
        }

        var (annual, leading) = await series.ReadForNowcastAsync(pair.Indicator.Id, pair.Leading.Id, cancellationToken);
        if (area.FirstOrDefault(a => !annual.Areas.ContainsKey(a) || !leading.Areas.ContainsKey(a)) is { } missing)
        {
            return TypedResults.Problem(new ProblemForReaders
            {
                Status = StatusCodes.Status404NotFound,
                Title = "No figures for the area",
                Detail = $"Area {missing} has no stored figures of both '{pair.Indicator.Id}' and its leading indicator '{pair.Leading.Id}'.",
                Danish = $"Der er ingen tal for område {missing} i både »{pair.Indicator.Id}« og »{pair.Leading.Id}«.",
            });
        }

        var estimates = NowcastMethod.WithBands(
            NowcastMethod.Backtest(annual.SumOf(area), leading.SumOf(area)),
            NowcastArea.Shared(annual.Areas, leading.Areas));
        return TypedResults.Ok(new NowcastsResponse(pair.Indicator.Id, pair.Leading.Id, area, [.. estimates.Select(NowcastItem.Of)])
        {
            Source = pair.Source(credit),
        });
    }

    public static async Task<Results<Ok<NowcastAccuracyResponse>, ProblemHttpResult>> GetAccuracy(
        string id, GrowthCatalog catalog, SeriesStore series, SourceCredit credit, CancellationToken cancellationToken)
    {
        var (pair, problem) = Find(catalog, id);
        if (pair is null)
        {
            return problem!;
        }

        return TypedResults.Ok(new NowcastAccuracyResponse(pair.Indicator.Id, pair.Leading.Id, await pair.AccuracyAsync(series, cancellationToken))
        {
            Source = pair.Source(credit),
        });
    }

    /// <summary>The indicator's pair, or the 404 for an unknown indicator or one without a leading indicator.</summary>
    private static (NowcastPair? Pair, ProblemHttpResult? Problem) Find(GrowthCatalog catalog, string id)
    {
        if (catalog.FindIndicator(id) is not { } indicator)
        {
            return (null, Problems.NotFound("indicator", id));
        }

        return NowcastPair.Of(catalog, indicator) is { } pair
            ? (pair, null)
            : (null, TypedResults.Problem(new ProblemForReaders
            {
                Status = StatusCodes.Status404NotFound,
                Title = "No leading indicator",
                Detail = NowcastPair.NoLeadingIndicator(catalog, indicator.Id),
                Danish = $"Indikatoren »{indicator.Id}« har ingen førende indikator, så der laves intet foreløbigt skøn for den.",
            }));
    }
}
