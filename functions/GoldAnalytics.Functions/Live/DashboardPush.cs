using Dapper;
using GoldAnalytics.Data.Outbox;
using GoldAnalytics.Runtime.Events;
using Npgsql;

namespace GoldAnalytics.Functions.Live;

/// <summary>The recomputed figures of one branch on one day, as pushed to dashboards.</summary>
public sealed record DayFigures(string BusinessDate, int BranchId, decimal Revenue, decimal GrossProfit, long Invoices, decimal Refunds, decimal Expenses);

/// <summary>What dashboards receive after a change: the affected days and branches and their recomputed figures.</summary>
public sealed record KpisChanged(
    IReadOnlyList<long> EventIds, IReadOnlyList<string> Kinds, IReadOnlyList<DateOnly> BusinessDates, IReadOnlyList<int> BranchIds,
    IReadOnlyList<DayFigures> Figures, IReadOnlyList<LiveKpis> Kpis);

/// <summary>
/// Recomputes the daily figures and the KPIs (through the KPI engines) of the days and branches a
/// batch of events touched and pushes one <c>kpis.changed</c> Server-Sent Event. Idempotent: a
/// redelivered batch pushes the same numbers again.
/// </summary>
public sealed class DashboardPush(NpgsqlDataSource dataSource, LiveKpiRecompute kpis, IEventStream events) : IDomainEventSubscriber
{
    /// <summary>The Server-Sent Event name dashboards listen to.</summary>
    public const string EventName = "kpis.changed";

    public string Name => "dashboard";

    public async Task HandleAsync(IReadOnlyList<OutboxEvent> batch, CancellationToken cancellationToken)
    {
        var days = batch.SelectMany(e => e.Event.BusinessDates).Distinct().Order().ToArray();
        var branches = batch.SelectMany(e => e.Event.BranchIds).Distinct().Order().ToArray();
        IReadOnlyList<DayFigures> figures = [];
        if (days.Length > 0)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            figures = [.. await connection.QueryAsync<DayFigures>(new CommandDefinition(FiguresSql, new { days, branches }, cancellationToken: cancellationToken))];
        }

        var values = await kpis.RecomputeAsync(batch, cancellationToken);
        events.Publish(EventName, new KpisChanged([.. batch.Select(e => e.Id)], [.. batch.Select(e => e.Event.Kind).Distinct()], days, branches, figures, values));
    }

    // Revenue and gross profit net of refunds, per day and branch; no branch filter when an event named none (head-office costs).
    private const string FiguresSql = """
        WITH sales AS (
            SELECT business_date, branch_id, sum(line_total - tax) AS revenue, sum(line_total - tax - line_cost) AS profit, count(DISTINCT invoice_id) AS invoices
              FROM invoice_lines
             WHERE business_date = ANY(@days) AND (cardinality(@branches) = 0 OR branch_id = ANY(@branches)) AND deleted_at IS NULL
             GROUP BY business_date, branch_id),
        refunded AS (
            SELECT business_date, branch_id, sum(amount) AS amount, sum(cost_reversed) AS cost
              FROM refunds
             WHERE business_date = ANY(@days) AND (cardinality(@branches) = 0 OR branch_id = ANY(@branches))
             GROUP BY business_date, branch_id),
        spent AS (
            SELECT business_date, branch_id, sum(amount) AS amount
              FROM expenses
             WHERE business_date = ANY(@days) AND branch_id IS NOT NULL AND (cardinality(@branches) = 0 OR branch_id = ANY(@branches)) AND deleted_at IS NULL
             GROUP BY business_date, branch_id),
        keys AS (SELECT business_date, branch_id FROM sales UNION SELECT business_date, branch_id FROM refunded UNION SELECT business_date, branch_id FROM spent)
        SELECT k.business_date::text AS BusinessDate, k.branch_id AS BranchId,
               coalesce(s.revenue, 0) - coalesce(r.amount, 0) AS Revenue,
               coalesce(s.profit, 0) - coalesce(r.amount, 0) + coalesce(r.cost, 0) AS GrossProfit,
               coalesce(s.invoices, 0) AS Invoices, coalesce(r.amount, 0) AS Refunds, coalesce(e.amount, 0) AS Expenses
          FROM keys k
          LEFT JOIN sales s USING (business_date, branch_id)
          LEFT JOIN refunded r USING (business_date, branch_id)
          LEFT JOIN spent e USING (business_date, branch_id)
         ORDER BY 1, 2
        """;
}
