using GoldAnalytics.Data.Kpis.Rebuild;

namespace GoldAnalytics.Data.Tests.Kpis.Rebuild;

/// <summary>The in-memory sums of a month's facts group, sum and count invoices as the rollups' SQL does.</summary>
public sealed class MonthSumsTests
{
    private static readonly DateOnly May1 = new(2025, 5, 1);
    private static readonly DateOnly May2 = new(2025, 5, 2);

    private static SalesFact Line(DateOnly day, long invoice, string category = "ring", int product = 7, long? customer = 100, int branch = 1, decimal gross = 1000m, decimal cost = 600m, int productLine = 2, short karat = 22) =>
        new(day, branch, 5, customer, product, category, productLine, karat, invoice, gross, 10m, 50m, cost, 0m, 0m, 1, 4.125m, 0);

    private static SalesFact Refund(DateOnly day, long? customer = 100, string category = "ring", int product = 7) =>
        new(day, 1, 5, customer, product, category, 2, 22, null, 0m, 0m, 0m, 0m, 300m, 180m, 0, 0m, 1);

    [Fact]
    public void An_invoice_counts_once_per_group_however_its_lines_are_interleaved_with_others()
    {
        // Invoice 1 has two ring lines and a chain line, invoice 2 one ring line, read out of invoice order.
        var facts = new[] { Line(May1, 1), Line(May1, 2), Line(May1, 1, "chain", product: 8), Line(May1, 1) };

        var sums = MonthSums.Of(facts, []);

        var sales = sums.Sales.ToDictionary(s => s.Key.Category, s => s.Value);
        sales["ring"].Transactions.Should().Be(2);
        sales["ring"].GrossSales.Should().Be(3000m);
        sales["ring"].Units.Should().Be(3);
        sales["chain"].Transactions.Should().Be(1);
        sums.Invoices.Should().ContainSingle().Which.Value.Transactions.Should().Be(2);
        sums.Invoices[0].Value.Grams.Should().Be(16.5m);
        sums.Products.Single(p => p.Key.ProductId == 7).Value.Transactions.Should().Be(2);
        sums.Customers.Should().ContainSingle().Which.Value.Invoices.Should().Be(2);
    }

    [Fact]
    public void Refunds_add_to_the_sums_but_not_to_the_invoice_counts_and_are_no_first_purchase()
    {
        var firstPurchases = new Dictionary<long, FirstPurchase>();

        var sums = MonthSums.Of([Refund(May1, customer: 200), Line(May2, 9, customer: 200), Refund(May2)], firstPurchases);

        var may1 = sums.Sales.Single(s => s.Key.Day == May1).Value;
        may1.Transactions.Should().Be(0);
        may1.Refunds.Should().Be(300m);
        may1.RefundedUnits.Should().Be(1);
        var customer = sums.Customers.Single(c => c.Key.Day == May1 && c.Key.CustomerId == 200).Value;
        customer.Invoices.Should().Be(0);
        customer.NetRevenue.Should().Be(-300m);
        customer.GrossProfit.Should().Be(-120m, "a refund takes back its revenue less the cost it reverses");
        firstPurchases.Should().Equal(new Dictionary<long, FirstPurchase> { [200] = new(May2, 1) });
        firstPurchases.Should().NotContainKey(100, "customer 100 only had a refund");
    }

    [Fact]
    public void Rows_come_out_in_day_order_and_a_customer_without_an_id_has_no_customer_row()
    {
        var sums = MonthSums.Of([Line(May2, 3), Line(May1, 4, customer: null), Line(May2, 5, branch: 2)], []);

        sums.Sales.Select(s => s.Key.Day).Should().BeInAscendingOrder();
        sums.Invoices.Select(s => s.Key.Day).Should().Equal(May1, May2, May2);
        sums.Customers.Select(c => (c.Key.Day, c.Key.BranchId)).Should().BeEquivalentTo([(May2, 1), (May2, 2)]);
    }

    [Fact]
    public void A_product_keeps_the_smallest_category_line_and_karat_of_its_facts_like_min_in_sql()
    {
        var sums = MonthSums.Of([Line(May1, 1, "ring", productLine: 4, karat: 22), Line(May1, 2, "bangle", productLine: 6, karat: 18)], []);

        var product = sums.Products.Should().ContainSingle().Which.Value;
        (product.Category, product.ProductLineId, product.Karat).Should().Be(("bangle", 4, (short)18));
    }

    [Fact]
    public void The_first_purchase_is_the_earliest_day_then_the_lowest_branch_across_months()
    {
        var firstPurchases = new Dictionary<long, FirstPurchase> { [100] = new(May2, 1) };

        MonthSums.Of([Line(May2, 1, branch: 3), Line(May1, 2, branch: 2), Line(May1, 3, branch: 1)], firstPurchases);

        firstPurchases[100].Should().Be(new FirstPurchase(May1, 1));
    }
}
