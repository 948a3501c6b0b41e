using Dapper;
using GoldAnalytics.Data.Insights;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Data.Tests.Kpis;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;

namespace GoldAnalytics.Data.Tests.Insights;

/// <summary>
/// Products bought together kept warm across writes (month and day blocks of basket counts, dropped
/// per changed day) answer exactly what an engine built from scratch and a SQL self-join of the baskets
/// answer, after new invoices on the latest day, imports of old sales, edited and moved invoices,
/// soft and hard deletes and refunds.
/// </summary>
public sealed class BoughtTogetherIncrementalTests : KpiEngineTestBase
{
    private const int Ring18 = 3;
    private const int Necklace22 = 4;
    private const int Bangle22 = 5;

    private static readonly Dictionary<int, (string Category, int Line, short Karat)> Products = new()
    {
        [ShopFixture.Ring22] = ("ring", 1, 22),
        [ShopFixture.Coin24] = ("coin", 2, 24),
        [Ring18] = ("ring", 1, 18),
        [Necklace22] = ("necklace", 1, 22),
        [Bangle22] = ("bangle", 2, 22),
    };

    private static readonly DateRange[] Ranges =
    [
        new(new(2023, 12, 1), new(2024, 2, 29)),
        new(new(2024, 1, 1), new(2024, 1, 31)),
        new(new(2024, 1, 10), new(2024, 2, 14)),
        new(new(2024, 2, 1), new(2024, 2, 29)),
        new(new(2024, 2, 20), new(2024, 2, 20)),
        new(new(2023, 12, 15), new(2024, 2, 20)),
    ];

    private static readonly KpiFilter[] Filters =
    [
        KpiFilter.All,
        new(BranchId: ShopFixture.Downtown),
        new(Category: "ring"),
        new(Karat: 22),
        new(BranchId: ShopFixture.Mall, SalespersonId: ShopFixture.Mall),
    ];

    private long _invoice = 1_000;

    [Fact]
    public async Task Warm_answers_equal_a_fresh_engine_and_sql_after_every_kind_of_write()
    {
        await AddProductsAsync();
        var questions = new BusinessQuestions(DataSource, Gate, Customers);
        await BasketAsync(new(2023, 12, 4), ShopFixture.Downtown, ShopFixture.Ring22, Necklace22, Ring18);
        var removed = await BasketAsync(new(2023, 12, 20), ShopFixture.Mall, ShopFixture.Ring22, Necklace22);
        var moved = await BasketAsync(new(2024, 1, 12), ShopFixture.Downtown, ShopFixture.Ring22, Necklace22, Necklace22);
        var edited = await BasketAsync(new(2024, 1, 12), ShopFixture.Mall, Ring18, ShopFixture.Coin24);
        await BasketAsync(new(2024, 1, 31), ShopFixture.Mall, ShopFixture.Coin24);
        var deleted = await BasketAsync(new(2024, 2, 3), ShopFixture.Downtown, ShopFixture.Ring22, Bangle22, Necklace22);
        await BasketAsync(new(2024, 2, 20), ShopFixture.Mall, Necklace22, Bangle22);
        await ShouldMatchAsync(questions, "after the first sales");

        await BasketAsync(new(2024, 2, 20), ShopFixture.Downtown, ShopFixture.Ring22, Necklace22);
        await ShouldMatchAsync(questions, "after a new invoice on the latest day");

        await BasketAsync(new(2024, 2, 20), ShopFixture.Mall, ShopFixture.Ring22, Necklace22, Bangle22);
        await ShouldMatchAsync(questions, "after another invoice on the same day");

        await BasketAsync(new(2024, 2, 21), ShopFixture.Mall, Ring18, Bangle22);
        await ShouldMatchAsync(questions, "after an invoice on a new day");

        await BasketAsync(new(2023, 12, 4), ShopFixture.Downtown, Ring18, Necklace22);
        await ShouldMatchAsync(questions, "after an imported sale in an old month held whole");

        await BasketAsync(new(2023, 12, 9), ShopFixture.Mall, ShopFixture.Ring22, Necklace22);
        await ShouldMatchAsync(questions, "after a second old sale in that month, on another day");

        await ExecuteAsync("UPDATE invoice_lines SET product_id = @product, category = 'bangle', product_line_id = 2, karat = 22 WHERE invoice_id = @id AND line_no = 2",
            new { id = edited, product = Bangle22 });
        await ShouldMatchAsync(questions, "after a line's product was changed");

        await ExecuteAsync("UPDATE invoices SET business_date = '2024-02-20', branch_id = 2, salesperson_id = 2 WHERE id = @id", new { id = moved });
        await ShouldMatchAsync(questions, "after an invoice moved to another month, branch and salesperson");

        await ExecuteAsync("UPDATE invoice_lines SET deleted_at = now() WHERE invoice_id = @id AND line_no = 1", new { id = deleted });
        await ShouldMatchAsync(questions, "after one line of an invoice was soft-deleted");

        // Each line of these baskets sold for 100 without tax: a refund pays back at most that.
        await Shop.RefundAsync(edited, new(2024, 2, 20), amountWithTax: 100m, costReversed: 60m);
        await ShouldMatchAsync(questions, "after a refund on the latest day of a January invoice");

        await ExecuteAsync("UPDATE invoices SET deleted_at = now() WHERE id = @id", new { id = deleted });
        await ShouldMatchAsync(questions, "after the invoice was soft-deleted");

        await ExecuteAsync("DELETE FROM invoices WHERE id = @id", new { id = removed });
        await ShouldMatchAsync(questions, "after an invoice was deleted for good");

        for (var day = 1; day <= 10; day++)
        {
            await BasketAsync(new(2024, 1, day), day % 2 == 0 ? ShopFixture.Downtown : ShopFixture.Mall, ShopFixture.Ring22, Necklace22, day % 3 == 0 ? Bangle22 : Ring18);
        }

        await ShouldMatchAsync(questions, "after an import of ten days of old sales in one month");
    }

    private async Task ShouldMatchAsync(BusinessQuestions warm, string because)
    {
        using var freshGate = new KpiDataGate(DataSource, new KpiRollups(DataSource));
        var fresh = new BusinessQuestions(DataSource, freshGate, new CustomerKpiEngine(DataSource, freshGate));
        var page = new PageRequest(1, 1_000);
        var pairsSeen = 0;
        foreach (var range in Ranges)
        {
            foreach (var filter in Filters)
            {
                var report = await warm.BoughtTogetherAsync(filter, range, 0m, page);
                report.Should().BeEquivalentTo(await fresh.BoughtTogetherAsync(filter, range, 0m, page), o => o.WithStrictOrdering(), $"{because}, {filter} {range}");
                var (baskets, pairs) = await SqlCountsAsync(filter, range);
                report.Baskets.Should().Be(baskets, $"{because}, {filter} {range}");
                report.Pairs.Items.Select(p => (p.ProductA, p.ProductB, p.Invoices)).Should().BeEquivalentTo(pairs, $"{because}, {filter} {range}");
                pairsSeen += report.Pairs.Items.Count;
            }
        }

        pairsSeen.Should().BeGreaterThan(0, "the fixture has invoices with several products");
    }

    private async Task<(long Baskets, List<(int A, int B, long Invoices)> Pairs)> SqlCountsAsync(KpiFilter filter, DateRange range)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        var rows = (await connection.QueryAsync<(int A, int B, long Invoices)>("""
            WITH basket AS (
                SELECT DISTINCT invoice_id, product_id FROM invoice_lines
                 WHERE business_date BETWEEN @from AND @to AND deleted_at IS NULL
                   AND (@branch::int IS NULL OR branch_id = @branch) AND (@category::text IS NULL OR category = @category)
                   AND (@karat::smallint IS NULL OR karat = @karat) AND (@salesperson::int IS NULL OR salesperson_id = @salesperson))
            SELECT 0, 0, count(DISTINCT invoice_id) FROM basket
            UNION ALL
            SELECT a.product_id, b.product_id, count(*) FROM basket a JOIN basket b ON b.invoice_id = a.invoice_id AND b.product_id > a.product_id GROUP BY 1, 2
            """, new
        {
            from = range.From.ToDateTime(TimeOnly.MinValue),
            to = range.To.ToDateTime(TimeOnly.MinValue),
            branch = filter.BranchId,
            category = filter.Category,
            karat = filter.Karat is { } k ? (short?)k : null,
            salesperson = filter.SalespersonId,
        })).ToList();
        return (rows.Single(r => r.A == 0).Invoices, rows.Where(r => r.A != 0).ToList());
    }

    private async Task AddProductsAsync()
    {
        await ExecuteAsync("""
            INSERT INTO products (id, sku, name, category, product_line_id, karat, net_weight_g, making_charge_type, making_charge_value, unit_cost)
            VALUES (3, 'R-18', 'Ring 18K', 'ring', 1, 18, 4.000, 'per_gram', 10, 80),
                   (4, 'N-22', 'Necklace 22K', 'necklace', 1, 22, 12.000, 'per_gram', 12, 150),
                   (5, 'B-22', 'Bangle 22K', 'bangle', 2, 22, 15.000, 'percent', 8, 120)
            """, new { });
    }

    // One invoice with a line per product (a product named twice gets two lines), each line 100 with cost 60.
    private async Task<long> BasketAsync(DateOnly day, int branch, params int[] products)
    {
        var id = ++_invoice;
        var date = day.ToDateTime(TimeOnly.MinValue);
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("""
            INSERT INTO invoices (id, number, branch_id, salesperson_id, customer_id, issued_at, business_date, subtotal, discount, tax, total, cost)
            VALUES (@id, 'B-' || @id, @branch, @branch, 1, @date::timestamp, @date, @total, 0, 0, @total, @cost)
            """, new { id, branch, date, total = 100m * products.Length, cost = 60m * products.Length }, transaction);
        for (var i = 0; i < products.Length; i++)
        {
            var (category, line, karat) = Products[products[i]];
            await connection.ExecuteAsync("""
                INSERT INTO invoice_lines (invoice_id, line_no, product_id, quantity, weight_g, gold_rate, gold_value, making_charge_type,
                    making_charge_value, making_charge, discount, tax_rate, tax, line_total, line_cost, business_date, branch_id,
                    salesperson_id, customer_id, category, product_line_id, karat)
                VALUES (@id, @lineNo, @product, 1, 5, 20, 100, 'per_gram', 0, 0, 0, 0, 0, 100, 60, @date, @branch, @branch, 1, @category, @line, @karat)
                """, new { id, lineNo = (short)(i + 1), product = products[i], date, branch, category, line, karat }, transaction);
        }

        await transaction.CommitAsync();
        return id;
    }

    private async Task ExecuteAsync(string sql, object parameters)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, parameters);
    }
}
