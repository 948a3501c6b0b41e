using Dapper;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Data.Insights;

/// <summary>A salesperson's share of one category's net revenue.</summary>
public sealed record CategoryShare(string Category, decimal NetRevenue, decimal? Share);

/// <summary>One row of the leaderboard: ranked by gross profit.</summary>
public sealed record SalespersonRank(
    int Rank, int SalespersonId, string Name, int BranchId, decimal Revenue, decimal NetRevenue, decimal GrossProfit,
    decimal? Margin, long Transactions, decimal? AverageMarginPerSale, IReadOnlyList<CategoryShare> ProductMix);

/// <summary>
/// Salespeople ranked by gross profit, with sales, margin, average margin per sale and product mix:
/// sums per salesperson and category (sales_daily) and exact invoice counts per salesperson
/// (invoice_daily), both from range blocks, ranked in memory.
/// </summary>
public sealed class SalespersonLeaderboard
{
    private readonly RangeBlocks<KpiFilter, (int SalespersonId, string Category), ProfitSums> _cells = new(LoadCellsAsync, (a, b) => a + b);
    private readonly RangeBlocks<KpiFilter, int, long> _invoices = new(LoadInvoicesAsync, (a, b) => a + b);

    /// <summary>Drops the blocks of changed days.</summary>
    public void Invalidate(IReadOnlyList<DateOnly> days)
    {
        _cells.Invalidate(days);
        _invoices.Invalidate(days);
    }

    public async Task<PagedList<SalespersonRank>> LoadAsync(NpgsqlConnection connection, KpiFilter filter, DateRange range, PageRequest page, CancellationToken cancellationToken)
    {
        var cells = await _cells.SumAsync(connection, filter, range, cancellationToken);
        var invoices = filter.HasProductFilter ? [] : await _invoices.SumAsync(connection, new KpiFilter(BranchId: filter.BranchId), range, cancellationToken);
        var people = cells.GroupBy(c => c.Key.SalespersonId)
            .Select(g => (SalespersonId: g.Key, Sums: g.Aggregate(ProfitSums.Zero, (sum, c) => sum + c.Value), Mix: g.ToList()))
            .OrderByDescending(p => p.Sums.GrossProfit).ThenBy(p => p.SalespersonId)
            .ToList();
        var shown = people.Skip(page.Offset).Take(page.Size).ToList();
        var staff = (await connection.QueryAsync<(int Id, string Name, int BranchId)>(new CommandDefinition(
            "SELECT id, name, branch_id FROM staff WHERE id = ANY(@ids)", new { ids = shown.Select(p => p.SalespersonId).ToArray() },
            cancellationToken: cancellationToken))).ToDictionary(s => s.Id);
        var items = shown.Select((p, i) =>
        {
            var transactions = filter.HasProductFilter ? p.Sums.Transactions : invoices.GetValueOrDefault(p.SalespersonId);
            var mixTotal = p.Mix.Sum(m => m.Value.NetRevenue);
            var (name, branch) = staff.TryGetValue(p.SalespersonId, out var s) ? (s.Name, s.BranchId) : ("", 0);
            return new SalespersonRank(page.Offset + i + 1, p.SalespersonId, name, branch, p.Sums.Revenue, p.Sums.NetRevenue, p.Sums.GrossProfit,
                Ratio(p.Sums.GrossProfit, p.Sums.NetRevenue), transactions, Ratio(p.Sums.GrossProfit, transactions),
                [.. p.Mix.OrderByDescending(m => m.Value.NetRevenue).Select(m => new CategoryShare(m.Key.Category, m.Value.NetRevenue, Ratio(m.Value.NetRevenue, mixTotal)))]);
        }).ToList();
        return new PagedList<SalespersonRank>(items, page.Page, page.Size, people.Count);
    }

    private static decimal? Ratio(decimal numerator, decimal denominator) => denominator == 0 ? null : numerator / denominator;

    private static async Task<IEnumerable<BlockRow<(int, string), ProfitSums>>> LoadCellsAsync(
        NpgsqlConnection connection, KpiFilter filter, DateRange span, bool byDay, CancellationToken cancellationToken)
    {
        var parameters = InsightParameters.For(filter, span);
        parameters.Add("by_day", byDay);
        var rows = await connection.QueryAsync<(DateTime Bucket, int SalespersonId, string Category, decimal Revenue, decimal NetRevenue, decimal GrossProfit, long Units, long Transactions)>(
            new CommandDefinition(CellsSql, parameters, cancellationToken: cancellationToken));
        return rows.Select(r => new BlockRow<(int, string), ProfitSums>(DateOnly.FromDateTime(r.Bucket), (r.SalespersonId, r.Category),
            new ProfitSums(r.Revenue, r.NetRevenue, r.GrossProfit, r.Units, r.Transactions)));
    }

    private static async Task<IEnumerable<BlockRow<int, long>>> LoadInvoicesAsync(
        NpgsqlConnection connection, KpiFilter filter, DateRange span, bool byDay, CancellationToken cancellationToken)
    {
        var parameters = InsightParameters.For(filter, span);
        parameters.Add("by_day", byDay);
        var rows = await connection.QueryAsync<(DateTime Bucket, int SalespersonId, long Transactions)>(
            new CommandDefinition(InvoicesSql, parameters, cancellationToken: cancellationToken));
        return rows.Select(r => new BlockRow<int, long>(DateOnly.FromDateTime(r.Bucket), r.SalespersonId, r.Transactions));
    }

    private const string CellsSql = $"""
        SELECT {InsightParameters.Bucket}, salesperson_id, category, {InsightParameters.Money}, sum(transactions)::bigint
          FROM sales_daily
         WHERE day BETWEEN @from AND @to {KpiParameters.SalesWhere}
         GROUP BY 1, 2, 3
        """;

    private const string InvoicesSql = $"""
        SELECT {InsightParameters.Bucket}, salesperson_id, sum(transactions)::bigint
          FROM invoice_daily
         WHERE day BETWEEN @from AND @to AND (@branch::int IS NULL OR branch_id = @branch)
         GROUP BY 1, 2
        """;
}
