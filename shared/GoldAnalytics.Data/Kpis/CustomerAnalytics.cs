using GoldAnalytics.Data.Kpis.Customers;
using GoldAnalytics.Domain.Kpis.Customer;
using GoldAnalytics.Domain.Kpis.Periods;

namespace GoldAnalytics.Data.Kpis;

/// <summary>Customers per RFM segment with their share and average spend.</summary>
public sealed record RfmSegmentSummary(string Segment, long Customers, decimal Share, decimal AverageRevenue);

/// <summary>RFM scores of the customers who bought in a window, summarised and paged.</summary>
public sealed record RfmReport(DateRange Window, long Customers, IReadOnlyList<RfmSegmentSummary> Segments, IReadOnlyList<RfmScore> Page);

/// <summary>Lifetime value: the simple formula over the year to the range end and the cohort curve.</summary>
public sealed record LifetimeValueReport(DateRange Year, decimal? SimpleValue, string? NullReason, IReadOnlyList<LifetimeValuePoint> CohortCurve);

/// <summary>RFM, cohort retention and lifetime value from the customer ledger (customer_daily and the first purchases derived from it).</summary>
public sealed class CustomerAnalytics(CustomerKpiEngine kpis)
{
    private readonly ResultCache _results = new();

    /// <summary>Scores every customer who bought in the window by RFM quintiles as of its last day.</summary>
    public Task<RfmReport> RfmAsync(int? branchId, DateRange window, int page, int pageSize, CancellationToken cancellationToken = default) =>
        kpis.ReadAsync(version => _results.GetOrAdd((nameof(RfmAsync), branchId, window, page, pageSize), version, () =>
        {
            var inputs = CustomerSums.Of(kpis.Ledger, branchId, window.From, window.To)
                .Select(s => new RfmInput(s.CustomerId, s.LastPurchase!.Value, s.Invoices, s.NetRevenue)).ToList();
            var scores = Rfm.Score(inputs, window.To);
            var revenue = inputs.ToDictionary(i => i.CustomerId, i => i.Revenue);
            var segments = scores.GroupBy(s => s.Segment)
                .Select(g => new RfmSegmentSummary(g.Key, g.Count(), (decimal)g.Count() / scores.Count, g.Average(s => revenue[s.CustomerId])))
                .OrderByDescending(s => s.Customers).ThenBy(s => s.Segment, StringComparer.Ordinal)
                .ToList();
            var ordered = scores.OrderByDescending(s => s.Recency + s.Frequency + s.Monetary).ThenBy(s => s.CustomerId);
            return new RfmReport(window, scores.Count, segments, [.. ordered.Skip((page - 1) * pageSize).Take(pageSize)]);
        }), cancellationToken);

    /// <summary>The monthly cohort retention matrix for cohorts first buying in the range's months.</summary>
    public Task<IReadOnlyList<CohortRow>> CohortRetentionAsync(int? branchId, DateRange range, CancellationToken cancellationToken = default) =>
        kpis.ReadAsync(version => _results.GetOrAdd((nameof(CohortRetentionAsync), branchId, range), version, () =>
        {
            var ledger = kpis.Ledger;
            var first = new DateOnly(range.From.Year, range.From.Month, 1);
            var last = new DateOnly(range.To.Year, range.To.Month, 1);
            var firsts = ledger.First;

            // Months active as a bit per month since the first cohort month (ranges of up to five years);
            // sets are built only once per customer at the end.
            var span = MonthsBetween(first, last) + 1;
            var active = new ulong[span <= 64 ? ledger.Count : 0];
            var sets = span <= 64 ? null : new Dictionary<int, HashSet<DateOnly>>();
            foreach (var (day, rows) in ledger.Days(first, range.To))
            {
                var offset = MonthsBetween(first, day);
                for (var i = 0; i < rows.Customers.Length; i++)
                {
                    var c = rows.Customers[i];
                    if (rows.Invoices[i] > 0 && firsts.IsNew(c, first, range.To, branchId))
                    {
                        if (sets is null)
                        {
                            active[c] |= 1UL << offset;
                        }
                        else
                        {
                            (sets.TryGetValue(c, out var set) ? set : sets[c] = []).Add(first.AddMonths(offset));
                        }
                    }
                }
            }

            var months = sets ?? Enumerable.Range(0, active.Length).Where(c => active[c] != 0).ToDictionary(
                c => c, c => Enumerable.Range(0, span).Where(k => (active[c] & (1UL << k)) != 0).Select(k => first.AddMonths(k)).ToHashSet());
            var customers = months.Select(m => new CustomerMonths(
                ledger.IdOf(m.Key), MonthOf(firsts.Days[m.Key]!.Value), m.Value));
            return CohortRetention.Matrix(customers, first, last);
        }), cancellationToken);

    /// <summary>Simple lifetime value over the year ending on the range's last day, and the cohort curve over up to <paramref name="months"/> months.</summary>
    public Task<LifetimeValueReport> LifetimeValueAsync(int? branchId, DateRange range, int months, CancellationToken cancellationToken = default) =>
        kpis.ReadAsync(version => _results.GetOrAdd((nameof(LifetimeValueAsync), branchId, range, months), version, () =>
        {
            var ledger = kpis.Ledger;
            var year = new DateRange(range.To.AddYears(-1).AddDays(1), range.To);
            var simple = CustomerKpis.SimpleLifetimeValue(LedgerTotals.Totals(ledger, branchId, year, year.Previous()));
            var firsts = ledger.First;
            var lastMonth = new DateOnly(range.To.Year, range.To.Month, 1);
            var sizes = new Dictionary<DateOnly, long>();
            for (var c = 0; c < ledger.Count; c++)
            {
                if (firsts.IsNew(c, range.From, range.To, branchId))
                {
                    var month = MonthOf(firsts.Days[c]!.Value);
                    sizes[month] = sizes.GetValueOrDefault(month) + 1;
                }
            }

            var profit = sizes.Keys.ToDictionary(m => m, m => new decimal[MonthsBetween(m, lastMonth) + 1]);
            foreach (var (day, rows) in ledger.Days(range.From, range.To))
            {
                for (var i = 0; i < rows.Customers.Length; i++)
                {
                    var c = rows.Customers[i];
                    if (firsts.IsNew(c, range.From, range.To, branchId))
                    {
                        var cohort = MonthOf(firsts.Days[c]!.Value);
                        profit[cohort][MonthsBetween(cohort, day)] += rows.ProfitCents[i] / 100m;
                    }
                }
            }

            var cohorts = sizes.Select(s => new Cohort(s.Key, s.Value, profit[s.Key]));
            return new LifetimeValueReport(year, simple.Value, simple.NullReason, CohortLifetimeValue.Curve(cohorts, months));
        }), cancellationToken);

    private static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    private static int MonthsBetween(DateOnly cohort, DateOnly day) => ((day.Year - cohort.Year) * 12) + day.Month - cohort.Month;
}
