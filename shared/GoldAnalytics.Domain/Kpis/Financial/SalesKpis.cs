namespace GoldAnalytics.Domain.Kpis.Financial;

/// <summary>The financial KPI formulas over <see cref="SalesTotals"/> (docs/kpis.md, "Financial").</summary>
public static class SalesKpis
{
    private const string NoSales = "no sales in the range";
    private const string NoTransactions = "no transactions in the range";

    /// <summary>Revenue = gross sales − discounts (tax excluded).</summary>
    public static decimal Revenue(SalesTotals t) => t.GrossSales - t.Discounts;

    /// <summary>Net revenue = revenue − refunds.</summary>
    public static decimal NetRevenue(SalesTotals t) => Revenue(t) - t.Refunds;

    /// <summary>Cost of goods sold = line cost − cost returned to stock by refunds.</summary>
    public static decimal CostOfGoodsSold(SalesTotals t) => t.Cost - t.RefundedCost;

    /// <summary>Gross profit = net revenue − cost of goods sold.</summary>
    public static decimal GrossProfit(SalesTotals t) => NetRevenue(t) - CostOfGoodsSold(t);

    /// <summary>Gross margin = gross profit / net revenue.</summary>
    public static Measure GrossMargin(SalesTotals t) => Measure.Ratio(GrossProfit(t), NetRevenue(t), NoSales);

    /// <summary>Cost ratio = cost of goods sold / net revenue.</summary>
    public static Measure CostRatio(SalesTotals t) => Measure.Ratio(CostOfGoodsSold(t), NetRevenue(t), NoSales);

    /// <summary>Discount rate = discounts / gross sales.</summary>
    public static Measure DiscountRate(SalesTotals t) => Measure.Ratio(t.Discounts, t.GrossSales, NoSales);

    /// <summary>Refund rate = refunds / revenue.</summary>
    public static Measure RefundRate(SalesTotals t) => Measure.Ratio(t.Refunds, Revenue(t), NoSales);

    /// <summary>Average transaction value = revenue / transactions.</summary>
    public static Measure AverageTransactionValue(SalesTotals t) => Measure.Ratio(Revenue(t), t.Transactions, NoTransactions);

    /// <summary>Units per transaction = units / transactions.</summary>
    public static Measure UnitsPerTransaction(SalesTotals t) => Measure.Ratio(t.Units, t.Transactions, NoTransactions);

    /// <summary>Grams per transaction = grams / transactions.</summary>
    public static Measure GramsPerTransaction(SalesTotals t) => Measure.Ratio(t.Grams, t.Transactions, NoTransactions);

    /// <summary>Achievement = actual / target; no number without a target or with a zero target.</summary>
    public static Measure Achievement(decimal actual, decimal? target) => target switch
    {
        null => Measure.Undefined("no target set"),
        0m => Measure.Undefined("the target is zero"),
        { } value => Measure.Of(actual / value),
    };
}
