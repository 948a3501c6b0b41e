using Dapper;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Financial;
using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Data.Reports;

/// <summary>The financial KPI values of the shop and each branch for a day or month, from the period's stored totals.</summary>
internal static class KpiSnapshots
{
    public static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Period period, long version, CancellationToken cancellationToken)
    {
        var grain = PeriodReports.GrainName(period.Grain);
        var start = period.Start.ToDateTime(TimeOnly.MinValue);
        await connection.ExecuteAsync(new CommandDefinition(PeriodReportSql.DeleteSnapshots, new { grain, start }, transaction, cancellationToken: cancellationToken));
        var rows = await PeriodReportQuery.TotalsAsync(connection, transaction, period, [ReportScope.Shop, ReportScope.Branch], cancellationToken);
        var targets = await TargetsAsync(connection, transaction, period, cancellationToken);
        var snapshots = rows.SelectMany(row => FinancialKpis.All.Select(kpi =>
        {
            var value = kpi.Formula(row.Totals);
            var target = FinancialKpis.TargetMetric(kpi.Code) is { } metric && targets.TryGetValue((row.ScopeId, metric), out var t) ? t : (decimal?)null;
            return new { grain, start, scope = row.Scope, scopeId = row.ScopeId, kpi = kpi.Code, value = value.Value, reason = value.NullReason, target, version };
        }));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO kpi_snapshots (grain, period_start, scope, scope_id, kpi, value, null_reason, target, data_version)
            VALUES (@grain, @start, @scope, @scopeId, @kpi, @value, @reason, @target, @version)
            """, snapshots, transaction, cancellationToken: cancellationToken));
    }

    // The same prorating as the live KPIs: per branch, and the shop's as their sum (mean for ATV).
    private static async Task<Dictionary<(int ScopeId, string Metric), decimal>> TargetsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Period period, CancellationToken cancellationToken)
    {
        var result = new Dictionary<(int, string), decimal>();
        var branches = await connection.QueryAsync<int>(new CommandDefinition("SELECT id FROM branches", transaction: transaction, cancellationToken: cancellationToken));
        foreach (var branch in branches.Prepend(0))
        {
            var filter = branch == 0 ? KpiFilter.All : new KpiFilter(BranchId: branch);
            foreach (var (metric, value) in await TargetQuery.LoadAsync(connection, filter, period.Range, cancellationToken))
            {
                result[(branch, metric)] = value;
            }
        }

        return result;
    }
}
