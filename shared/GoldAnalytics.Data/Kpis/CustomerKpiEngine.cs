using GoldAnalytics.Data.Kpis.Customers;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Customer;
using GoldAnalytics.Domain.Kpis.Periods;
using GoldAnalytics.Domain.Kpis.Trends;
using Npgsql;

namespace GoldAnalytics.Data.Kpis;

/// <summary>The customer KPI cards of a range.</summary>
public sealed record CustomerKpiReport(DateRange Range, int? BranchId, long DataVersion, IReadOnlyList<KpiResult> Kpis);

/// <summary>
/// Customer KPIs: acquisition, retention, churn, repeat rate, frequency; cards with comparisons and
/// sparklines. Counts come from the in-memory <see cref="CustomerLedger"/>, loaded once outside the data
/// gate's lock and brought up to date per changed day behind it.
/// </summary>
public sealed class CustomerKpiEngine
{
    private readonly KpiDataGate _gate;
    private readonly ResultCache _results = new();

    public CustomerKpiEngine(NpgsqlDataSource dataSource, KpiDataGate gate)
    {
        Ledger = new CustomerLedger(dataSource);
        Mix = new CustomerMix(dataSource);
        _gate = gate;
        gate.OnChangedDays(Ledger.Invalidate);
        gate.OnChangedDays(Mix.Invalidate);
    }

    /// <summary>The ledger the customer figures are computed from; use it inside <see cref="ReadAsync"/>.</summary>
    public CustomerLedger Ledger { get; }

    /// <summary>What customers bought per branch, category and karat; use it inside <see cref="ReadWithMixAsync"/>.</summary>
    public CustomerMix Mix { get; }

    /// <summary>Every customer KPI card for the range, optionally for one branch.</summary>
    public Task<CustomerKpiReport> KpisAsync(int? branchId, DateRange range, StatusThresholds thresholds, CancellationToken cancellationToken = default) =>
        ReadAsync(version =>
        {
            var key = (nameof(KpisAsync), branchId, range, thresholds);
            if (_results.TryGet<CustomerKpiReport>(key, version, out var cached))
            {
                return cached;
            }

            var (previous, lastYear) = (range.Previous(), range.SamePeriodLastYear());
            var buckets = Period.Covering(range, SparklineGrain.For(range))
                .Select(period => (period, Clip(period.Range, range)))
                .Select(p => (p.period, LedgerTotals.Totals(Ledger, branchId, p.Item2, p.Item2.Previous())))
                .ToList();
            var inputs = new BucketInputs<CustomerTotals>(
                LedgerTotals.Totals(Ledger, branchId, range, previous),
                LedgerTotals.Totals(Ledger, branchId, previous, previous.Previous()),
                LedgerTotals.Totals(Ledger, branchId, lastYear, lastYear.Previous()),
                buckets);
            var report = new CustomerKpiReport(range, branchId, version,
                [.. CustomerKpiCatalogue.All.Select(kpi => KpiCard.Build(kpi, inputs, null, thresholds))]);
            _results.Set(key, version, report);
            return report;
        }, cancellationToken);

    /// <summary>The customer totals of a range (the same computation the cards use).</summary>
    public Task<CustomerTotals> TotalsAsync(int? branchId, DateRange range, CancellationToken cancellationToken = default) =>
        ReadAsync(_ => LedgerTotals.Totals(Ledger, branchId, range, range.Previous()), cancellationToken);

    /// <summary>Runs a computation over the up-to-date ledger under the gate's lock; it receives the data version.</summary>
    public Task<T> ReadAsync<T>(Func<long, T> compute, CancellationToken cancellationToken = default) =>
        ReadLockedAsync(compute, withMix: false, cancellationToken);

    /// <summary>As <see cref="ReadAsync"/>, with the <see cref="Mix"/> up to date too (it is loaded on first use only).</summary>
    public Task<T> ReadWithMixAsync<T>(Func<long, T> compute, CancellationToken cancellationToken = default) =>
        ReadLockedAsync(compute, withMix: true, cancellationToken);

    private async Task<T> ReadLockedAsync<T>(Func<long, T> compute, bool withMix, CancellationToken cancellationToken)
    {
        await LoadOutsideLockAsync(withMix, cancellationToken);
        await _gate.Lock.WaitAsync(cancellationToken);
        try
        {
            var version = await _gate.EnsureFreshAsync(cancellationToken);
            await Ledger.CatchUpAsync(cancellationToken);
            if (withMix)
            {
                await Mix.CatchUpAsync(cancellationToken);
            }

            return compute(version);
        }
        finally
        {
            _gate.Lock.Release();
        }
    }

    // The full loads take seconds at ten million lines, so they run outside the gate's lock (other KPIs are
    // answered meanwhile, and the two loads side by side), from rollups the gate brought up to date first;
    // what changed after that is caught up under the lock before any read.
    private async Task LoadOutsideLockAsync(bool withMix, CancellationToken cancellationToken)
    {
        var (ledger, mix) = (!Ledger.IsLoaded, withMix && !Mix.IsLoaded);
        if (ledger || mix)
        {
            var fresh = await _gate.FreshVersionAsync(cancellationToken);
            await Task.WhenAll(
                ledger ? Ledger.LoadAsync(fresh, cancellationToken) : Task.CompletedTask,
                mix ? Mix.LoadAsync(fresh, cancellationToken) : Task.CompletedTask);
        }
    }

    private static DateRange Clip(DateRange period, DateRange range) =>
        new(period.From < range.From ? range.From : period.From, period.To > range.To ? range.To : period.To);
}
