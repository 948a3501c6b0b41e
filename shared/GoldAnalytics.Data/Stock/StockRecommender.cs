using GoldAnalytics.Data.Forecasting;
using GoldAnalytics.Domain.Forecasting.Intermittent;
using GoldAnalytics.Domain.Stock.Policy;
using GoldAnalytics.Domain.Stock.Simulation;
using Npgsql;

namespace GoldAnalytics.Data.Stock;

/// <summary>
/// Recommendations of a run by action, and what the policies achieved when the last year of demand is replayed through
/// them: as recommended (sized on the forecast for the coming weeks), and sized by the same calculation on the replayed
/// year's own mean demand, which takes the gap between the coming weeks' level and last year's out of the comparison.
/// </summary>
public sealed record RecommendationSummary(int Recommendations, IReadOnlyDictionary<string, int> ByAction, ReplayReport Replay, ReplayReport? ReplayAtPastDemandLevel = null);

/// <summary>
/// Recommends per SKU × branch from a run's reconciled forecasts: weekly demand is the mean reconciled forecast over
/// the horizon, its variability the series' back-test errors (slow movers by their demand class or a small lead-time
/// demand: a discrete lead-time demand adding up independent weeks, each selling one of the history's weekly
/// quantities with the chance the forecast rate implies), the lead time the one observed on received purchase
/// orders (this branch with three or more, else all branches, else the product's quoted setting), the target the
/// product's service level read as a fill rate. Stores them with the run and replays the last 52 weeks, through the
/// recommended policies and through policies sized the same way on those weeks' own mean demand.
/// </summary>
public sealed class StockRecommender(NpgsqlDataSource dataSource)
{
    /// <summary>Weeks without a sale after which stock on hand is dead (about half a year).</summary>
    public const int DeadStockWeeks = 26;

    /// <summary>Weeks of demand replayed through each policy.</summary>
    public const int ReplayWeeks = 52;

    /// <summary>Sequences of drawn lead times each series is replayed with (the figures are their mean).</summary>
    public const int LeadTimeDraws = 20;

    private const int MinimumLeadTimeSamples = 3;

    public async Task<RecommendationSummary> RecommendAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var inputs = await RunInputs.LoadAsync(connection, runId, cancellationToken);
        var positions = (await StockInputs.PositionsAsync(connection, cancellationToken)).ToDictionary(p => (p.ProductId, p.BranchId));

        var rows = new List<RecommendationRow>();
        var replay = new List<ReplaySeries>();
        var replayAtPastLevel = new List<ReplaySeries>();
        foreach (var sized in Size(inputs))
        {
            var (s, product) = (sized.Series, sized.Product);
            var position = positions.GetValueOrDefault((s.ProductId, s.BranchId)) ?? new StockPositionRow(s.BranchId, s.ProductId, 0, 0, 0);
            var weeksSinceSale = WeeksSinceLastSale(s.History, product.WeeksListed);
            var recommendation = StockRecommendation.For(new StockPosition(position.OnHand, position.OnOrder, position.Reserved), sized.Demand, sized.Policy, sized.Settings, weeksSinceSale);
            rows.Add(RecommendationRow.Of(product, position, sized.Demand, sized.Lead, sized.LeadSource, sized.LeadSamples, recommendation, weeksSinceSale));
            var replayed = ReplayedWeeks(s.History);
            replay.Add(new ReplaySeries(s.SeriesKey, sized.Group, replayed, recommendation.Policy, sized.Lead, sized.TargetFillRate));
            var pastDemand = sized.Demand with { MeanPerPeriod = replayed.Length == 0 ? 0 : replayed.Average() };
            var pastPolicy = PolicyFor(pastDemand, sized.Lead, sized.Settings, sized.Pattern, s.History);
            replayAtPastLevel.Add(new ReplaySeries(s.SeriesKey, sized.Group, replayed, pastPolicy, sized.Lead, sized.TargetFillRate));
        }

        await RecommendationRow.StoreAsync(connection, runId, rows, cancellationToken);
        return new RecommendationSummary(rows.Count, rows.GroupBy(r => r.Action).ToDictionary(g => g.Key, g => g.Count()), PolicyReplay.Run(replay, leadTimeDraws: LeadTimeDraws), PolicyReplay.Run(replayAtPastLevel, leadTimeDraws: LeadTimeDraws));
    }

    /// <summary>
    /// The policy a run recommends for each SKU × branch, with the series' history, without storing anything: what a
    /// replay needs of a past run to put the policy of its day in force.
    /// </summary>
    public async Task<IReadOnlyList<SeriesPolicy>> PoliciesAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var inputs = await RunInputs.LoadAsync(connection, runId, cancellationToken);
        return [.. Size(inputs).Select(s => new SeriesPolicy(s.Series.SeriesKey, s.Group, s.TargetFillRate, s.Series.History, s.Policy, s.Lead))];
    }

    /// <summary>The replayed weeks of a history: its last <see cref="ReplayWeeks"/> (all of it when shorter).</summary>
    public static double[] ReplayedWeeks(double[] history) => history.Length > ReplayWeeks ? history[^ReplayWeeks..] : history;

    private static IEnumerable<SizedSeries> Size(RunInputs inputs)
    {
        foreach (var s in inputs.Series)
        {
            if (!inputs.Settings.TryGetValue(s.ProductId, out var product))
            {
                continue;
            }

            var (lead, source, samples) = LeadTimeOf(product, s.BranchId, inputs.LeadTimes);
            var demand = s.Errors.Length >= 2
                ? DemandProfile.FromForecastErrors(s.WeeklyForecast, s.Errors)
                : new DemandProfile(s.WeeklyForecast, DemandProfile.FromHistory(s.History).StandardDeviationPerPeriod);
            var reorder = new ReorderSettings(
                (double)product.ServiceLevel, ServiceLevelKind.FillRate, product.OrderCost, Math.Max(product.HoldingUnitCost, 0.01m),
                product.AnnualHoldingRate > 0 ? (double)product.AnnualHoldingRate : 0.2, 52, product.MinStock, DeadStockWeeks);
            var pattern = DemandPatterns.Of(s.Pattern) ?? DemandClass.Of(s.History).Pattern;
            var group = product.ServiceLevel.ToString("0.0##", System.Globalization.CultureInfo.InvariantCulture);
            yield return new SizedSeries(s, product, demand, reorder, lead, source, samples, pattern, PolicyFor(demand, lead, reorder, pattern, s.History), group, (double)product.ServiceLevel);
        }
    }

    private static ReorderPolicy PolicyFor(DemandProfile demand, LeadTime lead, ReorderSettings settings, DemandPattern pattern, double[] history) =>
        ReorderPolicy.For(demand, lead, settings, SlowMover.Of(pattern, demand.MeanPerPeriod, history, lead));

    private static (LeadTime Lead, string Source, int Samples) LeadTimeOf(ProductReorderSettings product, int branchId, Dictionary<(int, int?), LeadTimeStatistics> observed)
    {
        if (observed.TryGetValue((product.ProductId, branchId), out var here) && here.Samples >= MinimumLeadTimeSamples)
        {
            return (new LeadTime(here.MeanDays / 7, here.SdDays / 7), "purchase_orders", here.Samples);
        }

        if (observed.TryGetValue((product.ProductId, null), out var all) && all.Samples >= MinimumLeadTimeSamples)
        {
            return (new LeadTime(all.MeanDays / 7, all.SdDays / 7), "purchase_orders_all_branches", all.Samples);
        }

        return (new LeadTime(product.LeadTimeDays / 7.0, (double)product.LeadTimeSdDays / 7), "product", 0);
    }

    // Trailing weeks without a sale, but never more than the product has been listed (a new piece is not dead stock).
    private static int WeeksSinceLastSale(double[] history, int weeksListed)
    {
        var last = Array.FindLastIndex(history, v => v > 0);
        var quiet = last < 0 ? history.Length : history.Length - 1 - last;
        return Math.Min(quiet, weeksListed);
    }
}

/// <summary>A SKU × branch series of a run with its mean reconciled weekly forecast (a class: Dapper maps arrays to properties, not constructor arguments).</summary>
internal sealed class BottomRow
{
    public int ProductId { get; init; }

    public int BranchId { get; init; }

    public string SeriesKey { get; init; } = "";

    public double[] History { get; init; } = [];

    public double[] Errors { get; init; } = [];

    public double WeeklyForecast { get; init; }

    public string? Pattern { get; init; }
}
