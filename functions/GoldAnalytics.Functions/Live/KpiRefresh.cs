using Dapper;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Data.Outbox;
using Npgsql;

namespace GoldAnalytics.Functions.Live;

/// <summary>
/// Keeps the KPI caches and the period reports in step with committed changes. The KPI gate already
/// checks the data version before every read, so numbers are never stale; this makes the work eager:
/// dirty rollups are rebuilt and changed days evicted now, not on the next dashboard request. Sales,
/// refunds, expenses and stock mark their days for the period reports by trigger in the writer's own
/// transaction; a target changes no row with a business day, yet it changes every day's and the
/// month's stored achievement, so its month's days are marked here.
/// </summary>
public sealed class KpiRefresh(NpgsqlDataSource dataSource, KpiDataGate gate) : IDomainEventSubscriber
{
    public string Name => "kpis";

    public async Task HandleAsync(IReadOnlyList<OutboxEvent> batch, CancellationToken cancellationToken)
    {
        await gate.FreshVersionAsync(cancellationToken);
        var months = batch.Where(e => e.Event.Kind.StartsWith("targets.", StringComparison.Ordinal))
            .SelectMany(e => e.Event.BusinessDates).Select(d => new DateOnly(d.Year, d.Month, 1)).Distinct().ToArray();
        if (months.Length > 0)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(MarkMonths, new { months }, cancellationToken: cancellationToken));
        }
    }

    // Idempotent: a day already waiting stays marked once.
    private const string MarkMonths = """
        INSERT INTO report_dirty_days (day)
        SELECT generate_series(m, (m + interval '1 month' - interval '1 day')::date, interval '1 day')::date
          FROM unnest(@months::date[]) AS m
        ON CONFLICT DO NOTHING
        """;
}
