using Dapper;
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
    public static async Task<IReadOnlyList<CategoryMovers>> LoadAsync(
        NpgsqlConnection connection, ProductProfitability profitability, KpiFilter filter, DateRange range, int perCategory, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perCategory, 1);
        var sums = await profitability.ProductSumsAsync(connection, filter, range, cancellationToken);
        var products = await connection.QueryAsync<(int Id, string Sku, string Name, string Category)>(
            new CommandDefinition(OfferedSql, InsightParameters.For(filter, range), cancellationToken: cancellationToken));
        return [.. products.GroupBy(p => p.Category).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var movers = g.Select(p => (Id: p.Id, Mover: ToMover(p, sums.GetValueOrDefault(p.Id) ?? ProfitSums.Zero, range))).ToList();
            return new CategoryMovers(
                g.Key,
                [.. movers.OrderByDescending(m => m.Mover.Units).ThenBy(m => m.Id).Take(perCategory).Select(m => m.Mover)],
                [.. movers.OrderBy(m => m.Mover.Units).ThenBy(m => m.Id).Take(perCategory).Select(m => m.Mover)]);
        })];
    }

    private static Mover ToMover((int Id, string Sku, string Name, string Category) product, ProfitSums sums, DateRange range) =>
        new(product.Id, product.Sku, product.Name, sums.Units, (decimal)sums.Units / range.Days, sums.NetRevenue);

    private const string OfferedSql = """
        SELECT id, sku, name, category FROM products
         WHERE deleted_at IS NULL AND (discontinued_on IS NULL OR discontinued_on >= @from)
           AND created_at::date <= @to
           AND (@product_line::int IS NULL OR product_line_id = @product_line)
           AND (@category::text IS NULL OR category = @category)
           AND (@karat::smallint IS NULL OR karat = @karat)
        """;
}
