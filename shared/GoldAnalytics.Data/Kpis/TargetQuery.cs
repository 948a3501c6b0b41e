using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Data.Kpis;

/// <summary>Targets for a range: each monthly target prorated by the days of its month in the range.</summary>
public static class TargetQuery
{
    /// <summary>Target per metric for the range; none when the filter narrows below a branch (targets are per branch).</summary>
    public static async Task<IReadOnlyDictionary<string, decimal>> LoadAsync(
        NpgsqlConnection connection, KpiFilter filter, DateRange range, CancellationToken cancellationToken)
    {
        if (filter.HasProductFilter || filter.SalespersonId is not null)
        {
            return new Dictionary<string, decimal>();
        }

        await using var command = new NpgsqlCommand(Sql, connection);
        KpiParameters.Add(command, filter, range);
        var targets = new Dictionary<string, decimal>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            targets[reader.GetString(0)] = reader.GetDecimal(1);
        }

        return targets;
    }

    // Average transaction value is a ratio: its target is the days-weighted mean of the monthly targets, not a sum.
    private const string Sql = """
        WITH t AS (
            SELECT metric, value,
                   (least(@to, (month + interval '1 month' - interval '1 day')::date) - greatest(@from, month) + 1)::numeric AS days_in_range,
                   ((month + interval '1 month')::date - month)::numeric AS days_in_month
              FROM targets
             WHERE month <= @to AND month + interval '1 month' > @from
               AND (@branch::int IS NULL OR branch_id = @branch))
        SELECT metric,
               CASE WHEN metric = 'average_transaction_value'
                    THEN round(sum(value * days_in_range) / sum(days_in_range), 2)
                    ELSE round(sum(value * days_in_range / days_in_month), 2) END
          FROM t GROUP BY metric
        """;
}
