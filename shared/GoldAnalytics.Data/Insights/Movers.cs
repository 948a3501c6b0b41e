using Dapper;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Data.Insights;

/// <summary>A product's sales rate in the range.</summary>
public sealed record Mover(int ProductId, string Sku, string Name, long Units, decimal UnitsPerDay, decimal NetRevenue);

/// <summary>The fastest and slowest movers of one category (products with no sale count as the slowest).</summary>
public sealed record CategoryMovers(string Category, IReadOnlyList<Mover> Fast, IReadOnlyList<Mover> Slow);

/// <summary>Fast and slow movers per category by units sold per day, over live products offered in the range.</summary>
public static class Movers
{
    public static async Task<IReadOnlyList<CategoryMovers>> LoadAsync(NpgsqlConnection connection, KpiFilter filter, DateRange range, int perCategory, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perCategory, 1);
        var parameters = InsightParameters.For(filter, range);
        parameters.Add("n", perCategory);
        var rows = await connection.QueryAsync<(string Category, int ProductId, string Sku, string Name, long Units, decimal NetRevenue, long FastRank, long SlowRank)>(
            new CommandDefinition(Sql, parameters, cancellationToken: cancellationToken));
        Mover ToMover((string Category, int ProductId, string Sku, string Name, long Units, decimal NetRevenue, long FastRank, long SlowRank) r) =>
            new(r.ProductId, r.Sku, r.Name, r.Units, (decimal)r.Units / range.Days, r.NetRevenue);
        return [.. rows.GroupBy(r => r.Category).OrderBy(g => g.Key).Select(g => new CategoryMovers(
            g.Key,
            [.. g.Where(r => r.FastRank <= perCategory).OrderBy(r => r.FastRank).Select(ToMover)],
            [.. g.Where(r => r.SlowRank <= perCategory).OrderBy(r => r.SlowRank).Select(ToMover)]))];
    }

    private const string Sql = $"""
        WITH s AS (
            SELECT product_id, sum(units - refunded_units)::bigint AS units, sum(gross_sales - discounts - refunds)::numeric AS net
              FROM product_daily
             WHERE day BETWEEN @from AND @to {KpiParameters.ProductWhere}
             GROUP BY product_id),
        p AS (
            SELECT id, sku, name, category FROM products
             WHERE deleted_at IS NULL AND (discontinued_on IS NULL OR discontinued_on >= @from)
               AND created_at::date <= @to
               AND (@product_line::int IS NULL OR product_line_id = @product_line)
               AND (@category::text IS NULL OR category = @category)
               AND (@karat::smallint IS NULL OR karat = @karat)),
        r AS (
            SELECT p.category, p.id, p.sku, p.name, coalesce(s.units, 0) AS units, coalesce(s.net, 0) AS net,
                   row_number() OVER (PARTITION BY p.category ORDER BY coalesce(s.units, 0) DESC, p.id) AS fast,
                   row_number() OVER (PARTITION BY p.category ORDER BY coalesce(s.units, 0), p.id) AS slow
              FROM p LEFT JOIN s ON s.product_id = p.id)
        SELECT category, id, sku, name, units, net, fast, slow FROM r WHERE fast <= @n OR slow <= @n
        """;
}
