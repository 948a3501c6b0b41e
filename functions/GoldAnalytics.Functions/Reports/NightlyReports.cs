using GoldAnalytics.Data.Reports;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Timers;
using Microsoft.Extensions.Logging;

namespace GoldAnalytics.Functions.Reports;

/// <summary>
/// Every night: brings the rollups up to date and recomputes the period reports and KPI snapshots
/// of every period whose days changed (late sales, corrected invoices, imports of old data).
/// </summary>
public sealed class NightlyReports(PeriodReports reports, ILogger<NightlyReports> logger)
{
    // 02:30 in the host's time zone, after the shops have closed their day.
    [Function("NightlyPeriodReports")]
    public async Task RunAsync([TimerTrigger("0 30 2 * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var summary = await reports.RunAsync(cancellationToken: cancellationToken);
        logger.LogInformation(
            "Period reports: {Days} rollup days rebuilt, {Periods} periods recomputed in {Seconds:F1} s (past due: {PastDue})",
            summary.RollupDaysRebuilt, summary.PeriodsRecomputed, summary.Elapsed.TotalSeconds, timer.IsPastDue);
    }
}
