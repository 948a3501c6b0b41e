namespace GoldAnalytics.Domain.Kpis.Financial;

/// <summary>
/// Additive sales figures for any slice (a day, a branch, a month): the input of every financial
/// KPI. Money excludes tax except <see cref="Tax"/>; refunds count on their own business date.
/// </summary>
/// <param name="GrossSales">Gold value + making charge + stone value, before discount and tax.</param>
/// <param name="Discounts">Discounts given on the lines.</param>
/// <param name="Tax">Tax charged on the lines.</param>
/// <param name="Cost">Cost of the goods sold on the lines.</param>
/// <param name="Refunds">Money refunded, without the tax share of the refunded line.</param>
/// <param name="RefundedCost">Cost that came back into stock with the refunds.</param>
/// <param name="Transactions">Invoices (see docs/kpis.md for product filters).</param>
/// <param name="Units">Pieces sold.</param>
/// <param name="Grams">Gold weight sold.</param>
public sealed record SalesTotals(
    decimal GrossSales,
    decimal Discounts,
    decimal Tax,
    decimal Cost,
    decimal Refunds,
    decimal RefundedCost,
    long Transactions,
    long Units,
    decimal Grams)
{
    /// <summary>Nothing sold.</summary>
    public static SalesTotals Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Totals of two slices; every field is additive.</summary>
    public static SalesTotals operator +(SalesTotals a, SalesTotals b) => new(
        a.GrossSales + b.GrossSales,
        a.Discounts + b.Discounts,
        a.Tax + b.Tax,
        a.Cost + b.Cost,
        a.Refunds + b.Refunds,
        a.RefundedCost + b.RefundedCost,
        a.Transactions + b.Transactions,
        a.Units + b.Units,
        a.Grams + b.Grams);

    /// <summary>Sums any number of slices.</summary>
    public static SalesTotals Sum(IEnumerable<SalesTotals> slices) => slices.Aggregate(Empty, (total, slice) => total + slice);
}
