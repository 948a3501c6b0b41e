using Dapper;
using Npgsql;

namespace GoldAnalytics.Data.Forecasting;

/// <summary>
/// Weekly units per product and branch from the daily product rollup, which sums invoice lines on their business
/// date and refunds on theirs (units − refunded units), for products on sale at the run's date.
/// </summary>
internal static class WeeklyDemandQuery
{
    public static async Task<IReadOnlyList<DemandSeries>> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateOnly asOf, DateOnly firstWeek, DateOnly lastWeek, CancellationToken cancellationToken)
    {
        var parameters = new { asOf = ForecastRuns.Day(asOf), first = ForecastRuns.Day(firstWeek), last = ForecastRuns.Day(lastWeek.AddDays(6)) };
        var products = (await connection.QueryAsync<ForecastProduct>(new CommandDefinition(Products, parameters, transaction, cancellationToken: cancellationToken))).ToList();
        var branches = (await connection.QueryAsync<ForecastBranch>(new CommandDefinition(Branches, parameters, transaction, cancellationToken: cancellationToken))).ToList();
        var units = await connection.QueryAsync<(int ProductId, int BranchId, DateTime Week, double Units)>(new CommandDefinition(Units, parameters, transaction, cancellationToken: cancellationToken, commandTimeout: 0));
        return DemandHierarchy.Build(products, branches, units.Select(u => new WeeklyUnits(u.ProductId, u.BranchId, DateOnly.FromDateTime(u.Week), u.Units)), firstWeek, lastWeek);
    }

    private const string Products = """
        SELECT id AS Id, sku AS Sku, category AS Category, karat AS Karat
          FROM products
         WHERE deleted_at IS NULL AND created_at::date <= @asOf AND (discontinued_on IS NULL OR discontinued_on > @asOf)
         ORDER BY sku
        """;

    private const string Branches = "SELECT id AS Id, code AS Code FROM branches WHERE opened_on <= @asOf ORDER BY id";

    private const string Units = """
        SELECT product_id, branch_id, (day - (extract(isodow FROM day)::int - 1)) AS week, sum(units - refunded_units)::float8 AS units
          FROM product_daily
         WHERE day BETWEEN @first AND @last
         GROUP BY 1, 2, 3
        """;
}
