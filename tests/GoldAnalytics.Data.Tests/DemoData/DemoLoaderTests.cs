using Dapper;
using GoldAnalytics.Data.DemoData;
using GoldAnalytics.Data.DemoData.Loading;
using Npgsql;

namespace GoldAnalytics.Data.Tests.DemoData;

public sealed class DemoLoaderTests(LoadedShopFixture shop) : IClassFixture<LoadedShopFixture>
{
    [Fact]
    public async Task Every_generated_row_is_in_the_database()
    {
        var generated = DemoChecksum.Of(LoadedShopFixture.Profile).RowsPerTable;

        await using var connection = new NpgsqlConnection(shop.ConnectionString);
        foreach (var (table, rows) in generated)
        {
            var stored = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}");
            stored.Should().Be(rows, $"every generated {table} row is loaded");
        }

        shop.Summary.RowsPerTable.Should().Equal(generated);
        generated["invoice_lines"].Should().BeGreaterThan(500);
    }

    [Fact]
    public async Task Line_totals_add_up_to_invoice_totals_exactly()
    {
        await using var connection = new NpgsqlConnection(shop.ConnectionString);

        var mismatched = await connection.ExecuteScalarAsync<long>("""
            SELECT count(*)
            FROM invoices i
            LEFT JOIN (SELECT invoice_id,
                              sum(gold_value + making_charge + stone_value) AS subtotal, sum(discount) AS discount,
                              sum(tax) AS tax, sum(line_total) AS total, sum(line_cost) AS cost
                       FROM invoice_lines GROUP BY invoice_id) l ON l.invoice_id = i.id
            WHERE l.invoice_id IS NULL
               OR (i.subtotal, i.discount, i.tax, i.total, i.cost) IS DISTINCT FROM (l.subtotal, l.discount, l.tax, l.total, l.cost)
            """);

        mismatched.Should().Be(0);
    }

    [Fact]
    public async Task Stock_never_goes_negative_at_any_branch_for_any_sku()
    {
        await using var connection = new NpgsqlConnection(shop.ConnectionString);

        var lowest = await connection.QueryAsync<(int Branch, int Product, long Lowest)>("""
            SELECT branch_id, product_id, min(on_hand)
            FROM (SELECT branch_id, product_id,
                         sum(quantity) OVER (PARTITION BY branch_id, product_id ORDER BY moved_at, id) AS on_hand
                  FROM stock_movements) running
            GROUP BY branch_id, product_id
            """);

        lowest.Should().NotBeEmpty().And.AllSatisfy(cell => cell.Lowest.Should().BeGreaterThanOrEqualTo(0));
    }

    [Fact]
    public async Task Stock_levels_are_the_sum_of_the_movements_and_sales_match_their_lines()
    {
        await using var connection = new NpgsqlConnection(shop.ConnectionString);

        var wrongLevels = await connection.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM stock_levels s
            LEFT JOIN (SELECT branch_id, product_id, sum(quantity) AS quantity FROM stock_movements GROUP BY 1, 2) m USING (branch_id, product_id)
            WHERE s.on_hand <> coalesce(m.quantity, 0)
            """);
        var unmatchedSales = await connection.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM invoice_lines l
            FULL JOIN (SELECT * FROM stock_movements WHERE kind = 'sale') m ON m.invoice_line_id = l.id
            WHERE l.id IS NULL OR m.id IS NULL OR m.quantity <> -l.quantity OR m.branch_id <> l.branch_id OR m.product_id <> l.product_id
            """);

        wrongLevels.Should().Be(0);
        unmatchedSales.Should().Be(0);
    }

    [Fact]
    public async Task Every_line_is_priced_with_the_days_sell_rate_for_its_karat()
    {
        await using var connection = new NpgsqlConnection(shop.ConnectionString);

        // Written independently of the C# pricing: PostgreSQL's round() also rounds halves away from zero.
        var mispriced = await connection.ExecuteScalarAsync<long>("""
            SELECT count(*)
            FROM invoice_lines l
            JOIN products p ON p.id = l.product_id
            LEFT JOIN gold_rates r ON r.business_date = l.business_date AND r.karat = l.karat
            WHERE r.karat IS NULL
               OR l.karat <> p.karat
               OR l.weight_g <> l.quantity * p.net_weight_g
               OR l.gold_rate <> r.sell_per_gram
               OR l.gold_value <> round(l.weight_g * r.sell_per_gram, 2)
               OR l.making_charge <> CASE p.making_charge_type
                                        WHEN 'per_gram' THEN round(l.weight_g * p.making_charge_value, 2)
                                        ELSE round(l.gold_value * p.making_charge_value / 100, 2) END
               OR l.stone_value <> l.quantity * p.stone_value
               OR l.tax <> round((l.gold_value + l.making_charge + l.stone_value - l.discount) * l.tax_rate, 2)
               OR l.line_total <> l.gold_value + l.making_charge + l.stone_value - l.discount + l.tax
            """);

        mispriced.Should().Be(0);
    }

    [Fact]
    public async Task Karat_rates_derive_from_the_24K_rate_by_purity()
    {
        await using var connection = new NpgsqlConnection(shop.ConnectionString);

        var wrong = await connection.ExecuteScalarAsync<long>("""
            SELECT count(*)
            FROM gold_rates k
            JOIN gold_rates p ON p.business_date = k.business_date AND p.karat = 24
            JOIN (VALUES (24, 1.000), (22, 0.916), (21, 0.875), (18, 0.750), (14, 0.585)) AS purity(karat, share) ON purity.karat = k.karat
            WHERE k.sell_per_gram <> round(p.sell_per_gram * purity.share, 2) OR k.buy_per_gram <> round(p.buy_per_gram * purity.share, 2)
            """);

        wrong.Should().Be(0);
    }

    [Fact]
    public async Task Refunds_never_exceed_what_was_sold_and_come_after_the_sale()
    {
        await using var connection = new NpgsqlConnection(shop.ConnectionString);

        var refunds = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM refunds");
        var excessive = await connection.ExecuteScalarAsync<long>("""
            SELECT count(*)
            FROM (SELECT invoice_line_id, sum(quantity) AS quantity, sum(amount) AS amount, min(business_date) AS first_refund
                  FROM refunds GROUP BY invoice_line_id) r
            JOIN invoice_lines l ON l.id = r.invoice_line_id
            WHERE r.quantity > l.quantity OR r.amount > l.line_total OR r.first_refund <= l.business_date
            """);

        refunds.Should().BePositive();
        excessive.Should().Be(0);
    }

    [Fact]
    public async Task Identities_continue_after_the_loaded_ids()
    {
        await using var connection = new NpgsqlConnection(shop.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        var maxId = await connection.ExecuteScalarAsync<long>("SELECT max(id) FROM expenses", transaction: transaction);
        var newId = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO expenses (category, business_date, amount) VALUES ('other', '2026-11-01', 10) RETURNING id", transaction: transaction);
        await transaction.RollbackAsync();

        newId.Should().BeGreaterThan(maxId);
    }

    [Fact]
    public async Task Customers_hold_the_tier_their_lifetime_points_earned()
    {
        await using var connection = new NpgsqlConnection(shop.ConnectionString);

        var wrong = await connection.ExecuteScalarAsync<long>("""
            SELECT count(*)
            FROM customers c
            LEFT JOIN (SELECT customer_id, sum(points) AS lifetime FROM loyalty_ledger WHERE kind = 'earn' GROUP BY customer_id) l ON l.customer_id = c.id
            WHERE c.loyalty_tier_id <> (SELECT id FROM loyalty_tiers WHERE min_points <= coalesce(l.lifetime, 0) ORDER BY min_points DESC LIMIT 1)
            """);
        var balances = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM (SELECT customer_id FROM loyalty_ledger GROUP BY customer_id HAVING sum(points) < 0) negative");

        wrong.Should().Be(0);
        balances.Should().Be(0, "nobody redeems more points than they earned");
    }

    [Fact]
    public async Task Loading_into_a_shop_that_has_data_is_refused_and_loading_if_empty_does_nothing()
    {
        var loader = new DemoLoader(shop.ConnectionString);

        var load = () => loader.LoadAsync(LoadedShopFixture.Profile);
        var ifEmpty = await loader.LoadIfNoInvoicesAsync(LoadedShopFixture.Profile);

        ifEmpty.Should().BeNull();
        await load.Should().ThrowAsync<InvalidOperationException>().WithMessage("*already have rows*invoices*");
    }
}
