using GoldAnalytics.Data.Kpis.Rebuild;

namespace GoldAnalytics.Data.Tests.Kpis.Rebuild;

/// <summary>The in-memory sums of a month's facts group, sum and count invoices as the rollups' SQL does; money in cents, weight in milligrams.</summary>
public sealed class MonthSumsTests
{
    private static readonly DateOnly May1 = new(2025, 5, 1);
    private static readonly DateOnly May2 = new(2025, 5, 2);

    private readonly CategoryNames _categories = new();

    private SalesFact Line(DateOnly day, long invoice, string category = "ring", int product = 7, long? customer = 100, int branch = 1, long gross = 100_000, long cost = 60_000, int productLine = 2, short karat = 22) =>
        new(day, branch, 5, customer, product, _categories.NumberOf(category), productLine, karat, invoice, gross, 1_000, 5_000, cost, 0, 0, 1, 4_125, 0);

    private SalesFact Refund(DateOnly day, long? customer = 100, string category = "ring", int product = 7) =>
        new(day, 1, 5, customer, product, _categories.NumberOf(category), 2, 22, null, 0, 0, 0, 0, 30_000, 18_000, 0, 0, 1);

    private MonthSums Sums(SalesFact[] facts, Dictionary<long, FirstPurchase>? firstPurchases = null) => MonthSums.Of(facts, _categories, firstPurchases ?? []);

    [Fact]
    public void An_invoice_counts_once_per_group_however_its_lines_are_interleaved_with_others()
    {
        // Invoice 1 has two ring lines and a chain line, invoice 2 one ring line, read out of invoice order.
        var facts = new[] { Line(May1, 1), Line(May1, 2), Line(May1, 1, "chain", product: 8), Line(May1, 1) };

        var sums = Sums(facts);

        var sales = sums.Sales.ToDictionary(s => _categories.Name(s.Key.Category), s => s.Value);
        sales["ring"].Transactions.Should().Be(2);
        sales["ring"].GrossSales.Should().Be(300_000);
        sales["ring"].Units.Should().Be(3);
        sales["chain"].Transactions.Should().Be(1);
        sums.Invoices.Should().ContainSingle().Which.Value.Transactions.Should().Be(2);
        sums.Invoices[0].Value.Grams.Should().Be(16_500);
        sums.Products.Single(p => p.Key.ProductId == 7).Value.Transactions.Should().Be(2);
        sums.Customers.Should().ContainSingle().Which.Value.Invoices.Should().Be(2);
    }

    [Fact]
    public void Refunds_add_to_the_sums_but_not_to_the_invoice_counts_and_are_no_first_purchase()
    {
        var firstPurchases = new Dictionary<long, FirstPurchase>();

        var sums = Sums([Refund(May1, customer: 200), Line(May2, 9, customer: 200), Refund(May2)], firstPurchases);

        var may1 = sums.Sales.Single(s => s.Key.Day == May1).Value;
        may1.Transactions.Should().Be(0);
        may1.Refunds.Should().Be(30_000);
        may1.RefundedUnits.Should().Be(1);
        var customer = sums.Customers.Single(c => c.Key.Day == May1 && c.Key.CustomerId == 200).Value;
        customer.Invoices.Should().Be(0);
        customer.NetRevenue.Should().Be(-30_000);
        customer.GrossProfit.Should().Be(-12_000, "a refund takes back its revenue less the cost it reverses");
        firstPurchases.Should().Equal(new Dictionary<long, FirstPurchase> { [200] = new(May2, 1) });
        firstPurchases.Should().NotContainKey(100, "customer 100 only had a refund");
    }

    [Fact]
    public void Rows_come_out_in_day_order_and_a_customer_without_an_id_has_no_customer_row()
    {
        var sums = Sums([Line(May2, 3), Line(May1, 4, customer: null), Line(May2, 5, branch: 2)]);

        sums.Sales.Select(s => s.Key.Day).Should().BeInAscendingOrder();
        sums.Invoices.Select(s => s.Key.Day).Should().Equal(May1, May2, May2);
        sums.Customers.Select(c => (c.Key.Day, c.Key.BranchId)).Should().BeEquivalentTo([(May2, 1), (May2, 2)]);
    }

    [Fact]
    public void A_product_keeps_the_smallest_category_line_and_karat_of_its_facts_like_min_in_sql()
    {
        var sums = Sums([Line(May1, 1, "ring", productLine: 4, karat: 22), Line(May1, 2, "bangle", productLine: 6, karat: 18)]);

        var product = sums.Products.Should().ContainSingle().Which.Value;
        (_categories.Name(product.Category), product.ProductLineId, product.Karat).Should().Be(("bangle", 4, (short)18));
    }

    [Fact]
    public void The_first_purchase_is_the_earliest_day_then_the_lowest_branch_across_months()
    {
        var firstPurchases = new Dictionary<long, FirstPurchase> { [100] = new(May2, 1) };

        Sums([Line(May2, 1, branch: 3), Line(May1, 2, branch: 2), Line(May1, 3, branch: 1)], firstPurchases);

        firstPurchases[100].Should().Be(new FirstPurchase(May1, 1));
    }

    [Fact]
    public void Each_days_rows_come_out_in_the_order_of_the_rollups_keys()
    {
        var sums = Sums([
            Line(May1, 9, "ring", customer: 300, branch: 2), Line(May1, 8, "bangle", product: 3, customer: 100, branch: 2),
            Line(May1, 7, "chain", product: 5, customer: 200, branch: 1), Line(May2, 6, "anklet", product: 1, customer: 50, branch: 1)]);

        sums.Sales.Select(s => (s.Key.Day, s.Key.BranchId, _categories.Name(s.Key.Category)))
            .Should().Equal((May1, 1, "chain"), (May1, 2, "bangle"), (May1, 2, "ring"), (May2, 1, "anklet"));
        sums.Products.Select(p => (p.Key.BranchId, p.Key.ProductId)).Should().Equal((1, 5), (2, 3), (2, 7), (1, 1));
        sums.Customers.Select(c => c.Key.CustomerId).Should().Equal(100, 200, 300, 50);
    }

    [Fact]
    public void A_sum_beyond_the_range_of_a_long_fails_instead_of_wrapping_round()
    {
        var act = () => Sums([Line(May1, 1, gross: long.MaxValue), Line(May1, 2, gross: 1)]);

        act.Should().Throw<OverflowException>();
    }
}
