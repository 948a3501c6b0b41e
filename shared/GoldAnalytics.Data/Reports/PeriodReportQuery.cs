using Dapper;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Financial;
using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Data.Reports;

/// <summary>One stored period's totals for a scope.</summary>
public sealed record PeriodTotals(Period Period, string Scope, int ScopeId, SalesTotals Totals);

/// <summary>One point of a metric's history.</summary>
public sealed record MetricPoint(string Period, DateOnly Start, DateOnly End, decimal? Value, string? NullReason);

/// <summary>A metric's history for one scope at one grain.</summary>
public sealed record MetricHistory(string Metric, string Unit, string Grain, string Scope, int ScopeId, IReadOnlyList<MetricPoint> Points);

/// <summary>Reads the stored period reports and snapshots; metrics are the financial KPI formulas applied to stored totals.</summary>
public sealed class PeriodReportQuery(NpgsqlDataSource dataSource)
{
    /// <summary>The codes a history can be asked for.</summary>
    public static IReadOnlyList<string> Metrics { get; } = [.. FinancialKpis.All.Select(k => k.Code)];

    /// <summary>A metric's value per stored period overlapping the range; periods without sales are absent.</summary>
    public async Task<MetricHistory> HistoryAsync(string metric, PeriodGrain grain, string scope, int scopeId, DateRange range, CancellationToken cancellationToken = default)
    {
        var kpi = FinancialKpis.All.SingleOrDefault(k => k.Code == metric)
            ?? throw new ArgumentException($"Unknown metric '{metric}'. Known: {string.Join(", ", Metrics)}.", nameof(metric));
        if (!ReportScope.IsKnown(scope))
        {
            throw new ArgumentException($"Unknown scope '{scope}'. Known: {string.Join(", ", ReportScope.All)}.", nameof(scope));
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT {Columns} FROM period_reports
             WHERE grain = @grain AND scope = @scope AND scope_id = @scopeId AND period_start <= @to AND period_end >= @from
             ORDER BY period_start
            """, new { grain = PeriodReports.GrainName(grain), scope, scopeId, from = range.From.ToDateTime(TimeOnly.MinValue), to = range.To.ToDateTime(TimeOnly.MinValue) },
            cancellationToken: cancellationToken));
        var points = rows.Select(r => r.ToTotals()).Select(t =>
        {
            var value = kpi.Formula(t.Totals);
            return new MetricPoint(t.Period.Key, t.Period.Start, t.Period.End, value.Value, value.NullReason);
        });
        return new MetricHistory(kpi.Code, kpi.Unit, PeriodReports.GrainName(grain), scope, scopeId, [.. points]);
    }

    /// <summary>The stored totals of one period for the scopes.</summary>
    public async Task<IReadOnlyList<PeriodTotals>> TotalsAsync(Period period, IReadOnlyList<string> scopes, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await TotalsAsync(connection, null, new PeriodBatch(period.Grain, [period.Start]), scopes, cancellationToken);
    }

    /// <summary>The stored KPI snapshots of one KPI over a range.</summary>
    public async Task<IReadOnlyList<MetricPoint>> SnapshotsAsync(string kpi, PeriodGrain grain, string scope, int scopeId, DateRange range, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(DateTime Start, decimal? Value, string? Reason)>(new CommandDefinition("""
            SELECT period_start, value, null_reason FROM kpi_snapshots
             WHERE grain = @grain AND scope = @scope AND scope_id = @scopeId AND kpi = @kpi AND period_start BETWEEN @from AND @to
             ORDER BY period_start
            """, new { grain = PeriodReports.GrainName(grain), scope, scopeId, kpi, from = range.From.ToDateTime(TimeOnly.MinValue), to = range.To.ToDateTime(TimeOnly.MinValue) },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r =>
        {
            var period = new Period(grain, DateOnly.FromDateTime(r.Start));
            return new MetricPoint(period.Key, period.Start, period.End, r.Value, r.Reason);
        })];
    }

    internal static async Task<IReadOnlyList<PeriodTotals>> TotalsAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, PeriodBatch batch, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT {Columns} FROM period_reports
             WHERE grain = @grain AND period_start = ANY(@starts) AND scope = ANY(@scopes)
             ORDER BY period_start, scope, scope_id
            """, new { grain = PeriodReports.GrainName(batch.Grain), starts = batch.Starts.Select(s => s.ToDateTime(TimeOnly.MinValue)).ToArray(), scopes = scopes.ToArray() },
            transaction, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToTotals())];
    }

    private const string Columns = """
        grain, period_start AS periodstart, scope, scope_id AS scopeid, gross_sales AS grosssales, discounts, tax, cost, refunds,
        refunded_cost AS refundedcost, transactions, units, grams
        """;

    private sealed record Row(string Grain, DateOnly PeriodStart, string Scope, int ScopeId, decimal GrossSales, decimal Discounts, decimal Tax,
        decimal Cost, decimal Refunds, decimal RefundedCost, long Transactions, long Units, decimal Grams)
    {
        public PeriodTotals ToTotals() => new(
            new Period(PeriodReports.ParseGrain(Grain), PeriodStart), Scope, ScopeId,
            new SalesTotals(GrossSales, Discounts, Tax, Cost, Refunds, RefundedCost, Transactions, Units, Grams));
    }
}
