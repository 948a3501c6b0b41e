using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Financial;
using GoldAnalytics.Domain.Kpis.Periods;
using GoldAnalytics.Domain.Kpis.Trends;
using Npgsql;

namespace GoldAnalytics.Data.Kpis;

/// <summary>The financial KPIs of a range with their comparison periods, as the dashboard shows them.</summary>
public sealed record FinancialKpiReport(
    DateRange Range,
    DateRange PreviousRange,
    DateRange SamePeriodLastYearRange,
    KpiFilter Filter,
    long DataVersion,
    IReadOnlyList<KpiResult> Kpis);

/// <summary>
/// The one calculation engine for sales figures: daily totals from the rollups (cached per year and
/// filter, invalidated per changed day), then the domain formulas. Live KPIs and period reports both
/// call <see cref="TotalsAsync"/>, so they agree to the cent.
/// </summary>
public sealed class FinancialKpiEngine
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly KpiDataGate _gate;
    private readonly DailyCache<SalesTotals> _daily = new(SalesDailyQuery.LoadAsync);
    private readonly ResultCache _results = new();

    public FinancialKpiEngine(NpgsqlDataSource dataSource, KpiDataGate gate)
    {
        _dataSource = dataSource;
        _gate = gate;
        gate.OnChangedDays(_daily.Invalidate);
    }

    /// <summary>The freshness gate this engine reads through (engines built on it share its lock).</summary>
    internal KpiDataGate Gate => _gate;

    /// <summary>Every financial KPI for the range and filter, with target, comparisons, trend test, status and sparkline.</summary>
    public async Task<FinancialKpiReport> KpisAsync(KpiFilter filter, DateRange range, StatusThresholds thresholds, CancellationToken cancellationToken = default)
    {
        await _gate.Lock.WaitAsync(cancellationToken);
        try
        {
            var version = await _gate.EnsureFreshAsync(cancellationToken);
            var key = (nameof(KpisAsync), filter, range, thresholds);
            if (_results.TryGet<FinancialKpiReport>(key, version, out var cached))
            {
                return cached;
            }

            var (previous, lastYear) = (range.Previous(), range.SamePeriodLastYear());
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            var days = await _daily.GetAsync(connection, filter, [range, previous, lastYear], cancellationToken);
            var targets = await TargetQuery.LoadAsync(connection, filter, range, cancellationToken);
            var series = new DailySeries<SalesTotals>(days, SalesTotals.Empty, (a, b) => a + b);
            var inputs = new KpiInputs<SalesTotals>(series, range, series.Total(range), series.Total(previous), series.Total(lastYear));
            var kpis = FinancialKpis.All
                .Select(kpi => KpiCard.Build(kpi, inputs, Target(targets, kpi.Code), thresholds))
                .ToList();
            var report = new FinancialKpiReport(range, previous, lastYear, filter, version, kpis);
            _results.Set(key, version, report);
            return report;
        }
        finally
        {
            _gate.Lock.Release();
        }
    }

    /// <summary>The sales totals of each range for the filter, from the same cached daily totals the KPIs use.</summary>
    public async Task<IReadOnlyList<SalesTotals>> TotalsAsync(KpiFilter filter, IReadOnlyList<DateRange> ranges, CancellationToken cancellationToken = default)
    {
        await _gate.Lock.WaitAsync(cancellationToken);
        try
        {
            await _gate.EnsureFreshAsync(cancellationToken);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            var days = await _daily.GetAsync(connection, filter, ranges, cancellationToken);
            var series = new DailySeries<SalesTotals>(days, SalesTotals.Empty, (a, b) => a + b);
            return [.. ranges.Select(series.Total)];
        }
        finally
        {
            _gate.Lock.Release();
        }
    }

    /// <summary>The sales totals of one range and the data version they are valid for.</summary>
    public async Task<(SalesTotals Totals, long Version)> TotalsWithVersionAsync(KpiFilter filter, DateRange range, CancellationToken cancellationToken = default)
    {
        await _gate.Lock.WaitAsync(cancellationToken);
        try
        {
            var version = await _gate.EnsureFreshAsync(cancellationToken);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            var days = await _daily.GetAsync(connection, filter, [range], cancellationToken);
            return (new DailySeries<SalesTotals>(days, SalesTotals.Empty, (a, b) => a + b).Total(range), version);
        }
        finally
        {
            _gate.Lock.Release();
        }
    }

    private static decimal? Target(IReadOnlyDictionary<string, decimal> targets, string kpiCode) =>
        FinancialKpis.TargetMetric(kpiCode) is { } metric && targets.TryGetValue(metric, out var value) ? value : null;
}
