using Dapper;
using GoldAnalytics.Domain.Kpis.Financial;
using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;
using NpgsqlTypes;

namespace GoldAnalytics.Data.Reports;

/// <summary>The financial KPI values of the shop and each branch per day or month, computed from the stored period totals.</summary>
internal static class KpiSnapshots
{
    public static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PeriodBatch batch, long version, CancellationToken cancellationToken)
    {
        var rows = await PeriodReportQuery.TotalsAsync(connection, transaction, batch, [ReportScope.Shop, ReportScope.Branch], cancellationToken);
        var targets = await MonthlyTargetsAsync(connection, transaction, batch, cancellationToken);
        var grain = PeriodReports.GrainName(batch.Grain);
        await using var import = await connection.BeginBinaryImportAsync(
            "COPY kpi_snapshots (grain, period_start, scope, scope_id, kpi, value, null_reason, target, data_version) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            foreach (var kpi in FinancialKpis.All)
            {
                var value = kpi.Formula(row.Totals);
                var target = FinancialKpis.TargetMetric(kpi.Code) is { } metric ? targets.Prorated(row.Period, row.ScopeId, metric) : null;
                await import.StartRowAsync(cancellationToken);
                await import.WriteAsync(grain, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(row.Period.Start, NpgsqlDbType.Date, cancellationToken);
                await import.WriteAsync(row.Scope, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(row.ScopeId, NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync(kpi.Code, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(import, value.Value, NpgsqlDbType.Numeric, cancellationToken);
                await WriteNullableAsync(import, value.NullReason, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(import, target, NpgsqlDbType.Numeric, cancellationToken);
                await import.WriteAsync(version, NpgsqlDbType.Bigint, cancellationToken);
            }
        }

        await import.CompleteAsync(cancellationToken);
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter import, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await import.WriteNullAsync(cancellationToken);
        }
        else
        {
            await import.WriteAsync(value, type, cancellationToken);
        }
    }

    private static async Task<MonthlyTargets> MonthlyTargetsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PeriodBatch batch, CancellationToken cancellationToken)
    {
        var periods = batch.Periods;
        var rows = await connection.QueryAsync<(int BranchId, DateTime Month, string Metric, decimal Value)>(new CommandDefinition(
            "SELECT branch_id, month, metric, value FROM targets WHERE month BETWEEN @from AND @to",
            new { from = periods.Min(p => p.Start).AddDays(1 - periods.Min(p => p.Start).Day).ToDateTime(TimeOnly.MinValue), to = periods.Max(p => p.End).ToDateTime(TimeOnly.MinValue) },
            transaction, cancellationToken: cancellationToken));
        return new MonthlyTargets([.. rows.Select(r => (r.BranchId, DateOnly.FromDateTime(r.Month), r.Metric, r.Value))]);
    }

    // A day's target is its month's over the month's days; the shop's is the branches' sum (their mean for ATV), as in TargetQuery.
    private sealed class MonthlyTargets(IReadOnlyList<(int BranchId, DateOnly Month, string Metric, decimal Value)> rows)
    {
        private readonly ILookup<(DateOnly Month, string Metric), (int BranchId, decimal Value)> _byMonth =
            rows.ToLookup(r => (r.Month, r.Metric), r => (r.BranchId, r.Value));

        public decimal? Prorated(Period period, int scopeId, string metric)
        {
            var month = new DateOnly(period.Start.Year, period.Start.Month, 1);
            var values = _byMonth[(month, metric)].Where(t => scopeId == 0 || t.BranchId == scopeId).Select(t => t.Value).ToList();
            if (values.Count == 0)
            {
                return null;
            }

            if (metric == "average_transaction_value")
            {
                return Domain.Pricing.Money.Round(values.Sum() / values.Count);
            }

            var share = period.Grain == PeriodGrain.Day ? 1m / DateTime.DaysInMonth(month.Year, month.Month) : 1m;
            return Domain.Pricing.Money.Round(values.Sum(v => v * share));
        }
    }
}
