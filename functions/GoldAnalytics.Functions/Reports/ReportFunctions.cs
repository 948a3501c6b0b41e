using GoldAnalytics.Data.Reports;
using GoldAnalytics.Domain.Kpis.Periods;
using GoldAnalytics.Functions.Kpis;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoldAnalytics.Functions.Reports;

/// <summary>A KPI's stored snapshots over a range.</summary>
public sealed record SnapshotHistory(string Kpi, string Grain, string Scope, int ScopeId, IReadOnlyList<MetricPoint> Points);

/// <summary>The stored period reports: any metric's history for trend charts, and the KPI snapshots (viewer role).</summary>
public sealed class ReportFunctions(PeriodReportQuery reports)
{
    [Function("MetricHistory")]
    public async Task<Ok<MetricHistory>> History(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "reports/history")] HttpRequest request,
        string metric, DateOnly from, DateOnly to, CancellationToken cancellationToken,
        string grain = "month", string scope = "shop", int scopeId = 0)
    {
        if (!PeriodReportQuery.Metrics.Contains(metric))
        {
            throw KpiQuery.Invalid("metric", ProblemCodes.InvalidValue, $"Unknown metric '{metric}'; use one of {string.Join(", ", PeriodReportQuery.Metrics)}.");
        }

        return TypedResults.Ok(await reports.HistoryAsync(metric, Grain(grain), Scope(scope), scopeId, KpiQuery.Range(from, to), cancellationToken));
    }

    [Function("KpiSnapshots")]
    public async Task<Ok<SnapshotHistory>> Snapshots(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "reports/snapshots")] HttpRequest request,
        string kpi, DateOnly from, DateOnly to, CancellationToken cancellationToken,
        string grain = "day", string scope = "shop", int scopeId = 0)
    {
        var parsed = Grain(grain);
        if (!PeriodReports.SnapshotGrains.Contains(parsed))
        {
            throw KpiQuery.Invalid("grain", ProblemCodes.InvalidValue, "Snapshots are kept per day and per month; use grain=day or grain=month.");
        }

        if (scope is not (ReportScope.Shop or ReportScope.Branch))
        {
            throw KpiQuery.Invalid("scope", ProblemCodes.InvalidValue, "Snapshots are kept for the shop and each branch; use scope=shop or scope=branch.");
        }

        if (!PeriodReportQuery.Metrics.Contains(kpi))
        {
            throw KpiQuery.Invalid("kpi", ProblemCodes.InvalidValue, $"Unknown KPI '{kpi}'; use one of {string.Join(", ", PeriodReportQuery.Metrics)}.");
        }

        var points = await reports.SnapshotsAsync(kpi, parsed, scope, scopeId, KpiQuery.Range(from, to), cancellationToken);
        return TypedResults.Ok(new SnapshotHistory(kpi, grain, scope, scopeId, points));
    }

    private static PeriodGrain Grain(string grain) =>
        Enum.TryParse<PeriodGrain>(grain, ignoreCase: true, out var parsed) && grain.All(char.IsLetter)
            ? parsed
            : throw KpiQuery.Invalid("grain", ProblemCodes.InvalidValue, "grain is one of day, week, month, quarter, year.");

    private static string Scope(string scope) =>
        ReportScope.IsKnown(scope)
            ? scope
            : throw KpiQuery.Invalid("scope", ProblemCodes.InvalidValue, $"scope is one of {string.Join(", ", ReportScope.All)}.");
}
