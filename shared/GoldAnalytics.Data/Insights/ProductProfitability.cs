using Dapper;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Data.Insights;

/// <summary>Profit of one product or product line over the range.</summary>
public sealed record ProfitRow(int Rank, int Id, string Code, string Name, decimal Revenue, decimal NetRevenue, decimal GrossProfit, decimal? Margin, long Units);

/// <summary>
/// Most profitable products (SKUs, from product_daily) and product lines (from sales_daily), ranked
/// by gross profit from range blocks. The SKU sums also serve the fast and slow movers.
/// </summary>
public sealed class ProductProfitability
{
    private readonly RangeBlocks<KpiFilter, int, ProfitSums> _products = new(LoadProductsAsync, (a, b) => a + b);
    private readonly RangeBlocks<KpiFilter, int, ProfitSums> _lines = new(LoadLinesAsync, (a, b) => a + b);

    /// <summary>Drops the blocks of changed days.</summary>
    public void Invalidate(IReadOnlyList<DateOnly> days)
    {
        _products.Invalidate(days);
        _lines.Invalidate(days);
    }

    /// <summary>Sums per SKU (product_daily has no salesperson; that filter is ignored here and refused upstream).</summary>
    public Task<Dictionary<int, ProfitSums>> ProductSumsAsync(NpgsqlConnection connection, KpiFilter filter, DateRange range, CancellationToken cancellationToken) =>
        _products.SumAsync(connection, filter with { SalespersonId = null }, range, cancellationToken);

    /// <summary>SKUs ranked by gross profit.</summary>
    public async Task<PagedList<ProfitRow>> ProductsAsync(NpgsqlConnection connection, KpiFilter filter, DateRange range, PageRequest page, CancellationToken cancellationToken) =>
        await RankAsync(connection, await ProductSumsAsync(connection, filter, range, cancellationToken),
            "SELECT id, sku AS code, name FROM products WHERE id = ANY(@ids)", page, cancellationToken);

    /// <summary>Product lines ranked by gross profit.</summary>
    public async Task<PagedList<ProfitRow>> ProductLinesAsync(NpgsqlConnection connection, KpiFilter filter, DateRange range, PageRequest page, CancellationToken cancellationToken) =>
        await RankAsync(connection, await _lines.SumAsync(connection, filter, range, cancellationToken),
            "SELECT id, code, name FROM product_lines WHERE id = ANY(@ids)", page, cancellationToken);

    private static async Task<PagedList<ProfitRow>> RankAsync(
        NpgsqlConnection connection, Dictionary<int, ProfitSums> sums, string namesSql, PageRequest page, CancellationToken cancellationToken)
    {
        var ranked = sums.OrderByDescending(s => s.Value.GrossProfit).ThenBy(s => s.Key).ToList();
        var shown = ranked.Skip(page.Offset).Take(page.Size).ToList();
        var names = (await connection.QueryAsync<(int Id, string Code, string Name)>(new CommandDefinition(
            namesSql, new { ids = shown.Select(s => s.Key).ToArray() }, cancellationToken: cancellationToken))).ToDictionary(n => n.Id);
        var items = shown.Where(s => names.ContainsKey(s.Key)).Select((s, i) => new ProfitRow(
            page.Offset + i + 1, s.Key, names[s.Key].Code, names[s.Key].Name, s.Value.Revenue, s.Value.NetRevenue, s.Value.GrossProfit,
            s.Value.NetRevenue == 0 ? null : s.Value.GrossProfit / s.Value.NetRevenue, s.Value.Units)).ToList();
        return new PagedList<ProfitRow>(items, page.Page, page.Size, ranked.Count);
    }

    private static Task<IEnumerable<BlockRow<int, ProfitSums>>> LoadProductsAsync(
        NpgsqlConnection connection, KpiFilter filter, DateRange span, bool byDay, CancellationToken cancellationToken) =>
        LoadAsync(connection, ProductsSql, filter, span, byDay, cancellationToken);

    private static Task<IEnumerable<BlockRow<int, ProfitSums>>> LoadLinesAsync(
        NpgsqlConnection connection, KpiFilter filter, DateRange span, bool byDay, CancellationToken cancellationToken) =>
        LoadAsync(connection, LinesSql, filter, span, byDay, cancellationToken);

    private static async Task<IEnumerable<BlockRow<int, ProfitSums>>> LoadAsync(
        NpgsqlConnection connection, string sql, KpiFilter filter, DateRange span, bool byDay, CancellationToken cancellationToken)
    {
        var parameters = InsightParameters.For(filter, span);
        parameters.Add("by_day", byDay);
        var rows = await connection.QueryAsync<(DateTime Bucket, int Id, decimal Revenue, decimal NetRevenue, decimal GrossProfit, long Units)>(
            new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return rows.Select(r => new BlockRow<int, ProfitSums>(DateOnly.FromDateTime(r.Bucket), r.Id, new ProfitSums(r.Revenue, r.NetRevenue, r.GrossProfit, r.Units, 0)));
    }

    private const string ProductsSql = $"""
        SELECT {InsightParameters.Bucket}, product_id, {InsightParameters.Money}
          FROM product_daily
         WHERE day BETWEEN @from AND @to {KpiParameters.ProductWhere}
         GROUP BY 1, 2
        """;

    private const string LinesSql = $"""
        SELECT {InsightParameters.Bucket}, product_line_id, {InsightParameters.Money}
          FROM sales_daily
         WHERE day BETWEEN @from AND @to {KpiParameters.SalesWhere}
         GROUP BY 1, 2
        """;
}
