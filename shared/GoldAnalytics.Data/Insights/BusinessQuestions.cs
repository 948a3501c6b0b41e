using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Data.Kpis.Customers;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Data.Insights;

/// <summary>
/// The business questions over the rollups, each behind the same freshness gate and versioned result
/// cache as the KPIs, so an answer is never older than an acknowledged write.
/// </summary>
public sealed class BusinessQuestions
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly KpiDataGate _gate;
    private readonly ResultCache _results = new();
    private readonly SalespersonLeaderboard _leaderboard = new();
    private readonly ProductProfitability _profitability = new();
    private readonly BranchPerformance _branches = new();
    private readonly BoughtTogether _boughtTogether;
    private readonly CustomerKpiEngine _customers;

    public BusinessQuestions(NpgsqlDataSource dataSource, KpiDataGate gate, CustomerKpiEngine customers)
    {
        _dataSource = dataSource;
        _gate = gate;
        _customers = customers;
        _boughtTogether = new BoughtTogether(dataSource);
        gate.OnChangedDays(_leaderboard.Invalidate);
        gate.OnChangedDays(_profitability.Invalidate);
        gate.OnChangedDays(_branches.Invalidate);
        gate.OnChangedDays(_boughtTogether.Invalidate);
    }

    /// <summary>Salespeople ranked by gross profit.</summary>
    public Task<PagedList<SalespersonRank>> LeaderboardAsync(KpiFilter filter, DateRange range, PageRequest page, CancellationToken cancellationToken = default) =>
        CachedAsync((nameof(LeaderboardAsync), filter, range, page), c => _leaderboard.LoadAsync(c, filter, range, page, cancellationToken), cancellationToken);

    /// <summary>SKUs ranked by gross profit.</summary>
    public Task<PagedList<ProfitRow>> ProductsAsync(KpiFilter filter, DateRange range, PageRequest page, CancellationToken cancellationToken = default) =>
        CachedAsync((nameof(ProductsAsync), filter, range, page), c => _profitability.ProductsAsync(c, filter, range, page, cancellationToken), cancellationToken);

    /// <summary>Product lines ranked by gross profit.</summary>
    public Task<PagedList<ProfitRow>> ProductLinesAsync(KpiFilter filter, DateRange range, PageRequest page, CancellationToken cancellationToken = default) =>
        CachedAsync((nameof(ProductLinesAsync), filter, range, page), c => _profitability.ProductLinesAsync(c, filter, range, page, cancellationToken), cancellationToken);

    /// <summary>Sales, profit and margin per branch and month.</summary>
    public Task<IReadOnlyList<BranchMonth>> BranchPerformanceAsync(KpiFilter filter, DateRange range, CancellationToken cancellationToken = default) =>
        CachedAsync((nameof(BranchPerformanceAsync), filter, range), c => _branches.LoadAsync(c, filter, range, cancellationToken), cancellationToken);

    /// <summary>Customers ranked by gross profit.</summary>
    public Task<PagedList<ValuableCustomer>> ValuableCustomersAsync(int? branchId, DateRange range, PageRequest page, CancellationToken cancellationToken = default) =>
        CachedAsync((nameof(ValuableCustomersAsync), branchId, range, page), async c => await ValuableCustomers.RankAsync(
            c, await _customers.ReadAsync(_ => CustomerSums.Of(_customers.Ledger, branchId, range.From, range.To), cancellationToken), page, cancellationToken), cancellationToken);

    /// <summary>The profile of the top decile of customers by gross profit.</summary>
    public Task<IdealCustomerProfile> IdealCustomerProfileAsync(int? branchId, DateRange range, CancellationToken cancellationToken = default) =>
        CachedAsync((nameof(IdealCustomerProfileAsync), branchId, range), c => ValuableCustomers.ProfileAsync(c, _customers, branchId, range, cancellationToken), cancellationToken);

    /// <summary>Fastest and slowest movers per category.</summary>
    public Task<IReadOnlyList<CategoryMovers>> MoversAsync(KpiFilter filter, DateRange range, int perCategory, CancellationToken cancellationToken = default) =>
        CachedAsync((nameof(MoversAsync), filter, range, perCategory), c => Movers.LoadAsync(c, _profitability, filter, range, perCategory, cancellationToken), cancellationToken);

    /// <summary>Products bought together at or above the minimum support.</summary>
    public Task<BoughtTogetherReport> BoughtTogetherAsync(KpiFilter filter, DateRange range, decimal minimumSupport, PageRequest page, CancellationToken cancellationToken = default) =>
        CachedAsync((nameof(BoughtTogetherAsync), filter, range, minimumSupport, page), c => _boughtTogether.LoadAsync(c, filter, range, minimumSupport, page, cancellationToken), cancellationToken);

    /// <summary>Running costs by category and month with their trend.</summary>
    public Task<IReadOnlyList<CostCategory>> CostBreakdownAsync(int? branchId, DateRange range, CancellationToken cancellationToken = default) =>
        CachedAsync((nameof(CostBreakdownAsync), branchId, range), c => CostBreakdown.LoadAsync(c, branchId, range, cancellationToken), cancellationToken);

    private async Task<T> CachedAsync<T>(object key, Func<NpgsqlConnection, Task<T>> query, CancellationToken cancellationToken)
        where T : notnull
    {
        var version = await _gate.FreshVersionAsync(cancellationToken);
        if (_results.TryGet<T>(key, version, out var cached))
        {
            return cached;
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var result = await query(connection);
        _results.Set(key, version, result);
        return result;
    }
}
