using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Data.Outbox;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;
using GoldAnalytics.Domain.Kpis.Trends;

namespace GoldAnalytics.Functions.Live;

/// <summary>One KPI's recomputed value with its target, achievement and status, as the dashboard's card shows it.</summary>
public sealed record LiveKpiValue(string Code, decimal? Value, decimal? Target, decimal? Achievement, KpiStatus Status);

/// <summary>The recomputed KPIs of one scope (the shop, or one branch) over one period (a day, or its month up to that day).</summary>
public sealed record LiveKpis(string Scope, int? BranchId, string Period, DateOnly From, DateOnly To, long DataVersion, IReadOnlyList<LiveKpiValue> Values);

/// <summary>
/// Recomputes, through the KPI engines' public API (so through their caches, which evict the changed
/// days first), the KPIs a batch of events affected: for the latest affected days, the day and its
/// month to date (a target's whole month), for the shop and each affected branch; inventory values
/// for the shop when stock or gold rates changed.
/// </summary>
public sealed class LiveKpiRecompute(FinancialKpiEngine financial, InventoryKpiEngine inventory)
{
    /// <summary>Affected days recomputed per batch (the newest); older ones are left to the next read.</summary>
    public const int MaxDays = 3;

    /// <summary>Affected branches recomputed per batch besides the shop.</summary>
    public const int MaxBranches = 10;

    /// <summary>The KPIs of every affected scope and period, in a stable order.</summary>
    public async Task<IReadOnlyList<LiveKpis>> RecomputeAsync(IReadOnlyList<OutboxEvent> batch, CancellationToken cancellationToken)
    {
        var results = new List<LiveKpis>();
        var scopes = Scopes(batch);
        foreach (var (period, range) in Periods(batch))
        {
            foreach (var branch in scopes)
            {
                var report = await financial.KpisAsync(new KpiFilter(branch), range, StatusThresholds.Default, cancellationToken);
                results.Add(new LiveKpis(branch is null ? "shop" : "branch", branch, period, range.From, range.To, report.DataVersion,
                    [.. report.Kpis.Select(k => new LiveKpiValue(k.Code, k.Value, k.Target, k.Achievement, k.Status))]));
            }
        }

        if (batch.Any(e => RevaluesStock(e.Event.Kind)) && batch.SelectMany(e => e.Event.BusinessDates).DefaultIfEmpty().Max() is var latest && latest != default)
        {
            var range = new DateRange(new DateOnly(latest.Year, latest.Month, 1), latest);
            var report = await inventory.KpisAsync(KpiFilter.All, range, InventorySettings.Default, cancellationToken);
            results.Add(new LiveKpis("shop", null, "inventory", range.From, range.To, report.DataVersion,
                [.. report.Kpis.Select(k => new LiveKpiValue(k.Code, k.Value, null, null, KpiStatus.Info)),
                 new LiveKpiValue("gold_stock_value", report.GoldStockValue, null, null, KpiStatus.Info)]));
        }

        return results;
    }

    /// <summary>The periods to recompute: each of the latest days with changed sales or costs, and its month to date (a target's whole month).</summary>
    public static IReadOnlyList<(string Period, DateRange Range)> Periods(IReadOnlyList<OutboxEvent> batch)
    {
        var periods = new List<(string, DateRange)>();
        var days = batch.Where(e => !IsTarget(e.Event.Kind) && !RevaluesStock(e.Event.Kind)).SelectMany(e => e.Event.BusinessDates).Distinct().OrderDescending().Take(MaxDays).Order();
        foreach (var day in days)
        {
            periods.Add(("day", new DateRange(day, day)));
            periods.Add(("month", new DateRange(new DateOnly(day.Year, day.Month, 1), day)));
        }

        foreach (var month in batch.Where(e => IsTarget(e.Event.Kind)).SelectMany(e => e.Event.BusinessDates).Select(d => new DateOnly(d.Year, d.Month, 1)).Distinct().Order())
        {
            var whole = new DateRange(month, month.AddMonths(1).AddDays(-1));
            if (!periods.Contains(("month", whole)))
            {
                periods.Add(("month", whole));
            }
        }

        return periods;
    }

    private static IReadOnlyList<int?> Scopes(IReadOnlyList<OutboxEvent> batch) =>
        [null, .. batch.SelectMany(e => e.Event.BranchIds).Distinct().Order().Take(MaxBranches).Select(b => (int?)b)];

    private static bool IsTarget(string kind) => kind.StartsWith("targets.", StringComparison.Ordinal);

    private static bool RevaluesStock(string kind) =>
        kind.StartsWith("gold-rates.", StringComparison.Ordinal) || kind.StartsWith("stock.", StringComparison.Ordinal)
        || kind is "imports.gold-rates.imported" or "imports.stock-movements.imported";
}
