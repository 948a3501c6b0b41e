using Dapper;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;
using GoldAnalytics.Domain.Kpis.Trends;
using Npgsql;

namespace GoldAnalytics.Data.Insights;

/// <summary>An expense category's monthly amounts, total, share and trend (Mann–Kendall over the months, Sen's slope per month).</summary>
public sealed record CostCategory(
    string Category, decimal Total, decimal? Share, IReadOnlyList<CostMonth> Months, decimal? ChangeVsPreviousMonth, double? SenSlopePerMonth, double? PValue, Direction Trend);

/// <summary>One month's amount of a category.</summary>
public sealed record CostMonth(DateOnly Month, decimal Amount);

/// <summary>Running costs by category and month with their trend; head-office costs count for the shop, not for a branch.</summary>
public static class CostBreakdown
{
    public static async Task<IReadOnlyList<CostCategory>> LoadAsync(NpgsqlConnection connection, int? branchId, DateRange range, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<(string Category, DateTime Month, decimal Amount)>(new CommandDefinition(Sql,
            InsightParameters.For(new KpiFilter(BranchId: branchId), range), cancellationToken: cancellationToken))).ToList();
        var months = Period.Covering(range, PeriodGrain.Month).Select(p => p.Start).ToList();
        var grand = rows.Sum(r => r.Amount);
        return [.. rows.GroupBy(r => r.Category).Select(g =>
        {
            var byMonth = g.ToDictionary(r => DateOnly.FromDateTime(r.Month), r => r.Amount);
            var series = months.Select(m => new CostMonth(m, byMonth.GetValueOrDefault(m))).ToList();
            var test = MannKendall.Test([.. series.Select(m => (double)m.Amount)]);
            var change = series.Count >= 2 && series[^2].Amount != 0 ? (series[^1].Amount - series[^2].Amount) / series[^2].Amount : (decimal?)null;
            var trend = test is null || !test.IsSignificant() ? (test is null ? Direction.Unknown : Direction.Flat) : test.S > 0 ? Direction.Up : Direction.Down;
            var total = g.Sum(r => r.Amount);
            return new CostCategory(g.Key, total, grand == 0 ? null : total / grand, series, change, test?.SenSlope, test?.PValue, trend);
        }).OrderByDescending(c => c.Total)];
    }

    private const string Sql = """
        SELECT category, date_trunc('month', day)::date, sum(amount)::numeric
          FROM expense_daily
         WHERE day BETWEEN @from AND @to AND (@branch::int IS NULL OR branch_id = @branch)
         GROUP BY category, 2
        """;
}
