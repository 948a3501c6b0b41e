using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Customer;
using GoldAnalytics.Domain.Kpis.Periods;
using GoldAnalytics.Domain.Kpis.Trends;
using Npgsql;

namespace GoldAnalytics.Data.Kpis;

/// <summary>The customer KPI cards of a range.</summary>
public sealed record CustomerKpiReport(DateRange Range, int? BranchId, long DataVersion, IReadOnlyList<KpiResult> Kpis);

/// <summary>Customer KPIs: acquisition, retention, churn, repeat rate, frequency; cards with comparisons and sparklines.</summary>
public sealed class CustomerKpiEngine(NpgsqlDataSource dataSource, KpiDataGate gate)
{
    private readonly ResultCache _results = new();

    /// <summary>Every customer KPI card for the range, optionally for one branch.</summary>
    public async Task<CustomerKpiReport> KpisAsync(int? branchId, DateRange range, StatusThresholds thresholds, CancellationToken cancellationToken = default)
    {
        var version = await FreshVersionAsync(cancellationToken);
        var key = (nameof(KpisAsync), branchId, range, thresholds);
        if (_results.TryGet<CustomerKpiReport>(key, version, out var cached))
        {
            return cached;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var (previous, lastYear) = (range.Previous(), range.SamePeriodLastYear());
        var current = await CustomerTotalsQuery.LoadAsync(connection, branchId, range, previous, cancellationToken);
        var before = await CustomerTotalsQuery.LoadAsync(connection, branchId, previous, previous.Previous(), cancellationToken);
        var yearAgo = await CustomerTotalsQuery.LoadAsync(connection, branchId, lastYear, lastYear.Previous(), cancellationToken);
        var buckets = new List<(Period, CustomerTotals)>();
        foreach (var period in Period.Covering(range, SparklineGrain.For(range)))
        {
            var clipped = Clip(period.Range, range);
            buckets.Add((period, await CustomerTotalsQuery.LoadAsync(connection, branchId, clipped, clipped.Previous(), cancellationToken)));
        }

        var inputs = new BucketInputs<CustomerTotals>(current, before, yearAgo, buckets);
        var report = new CustomerKpiReport(range, branchId, version,
            [.. CustomerKpiCatalogue.All.Select(kpi => KpiCard.Build(kpi, inputs, null, thresholds))]);
        _results.Set(key, version, report);
        return report;
    }

    /// <summary>The customer totals of a range (the same query the cards use).</summary>
    public async Task<CustomerTotals> TotalsAsync(int? branchId, DateRange range, CancellationToken cancellationToken = default)
    {
        await FreshVersionAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await CustomerTotalsQuery.LoadAsync(connection, branchId, range, range.Previous(), cancellationToken);
    }

    private Task<long> FreshVersionAsync(CancellationToken cancellationToken) => gate.FreshVersionAsync(cancellationToken);

    private static DateRange Clip(DateRange period, DateRange range) =>
        new(period.From < range.From ? range.From : period.From, period.To > range.To ? range.To : period.To);
}
