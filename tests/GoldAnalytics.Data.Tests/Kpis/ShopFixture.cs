using Dapper;
using Npgsql;

namespace GoldAnalytics.Data.Tests.Kpis;

/// <summary>Writes a tiny, hand-countable shop: two branches, a salesperson each, two products, invoices and refunds.</summary>
internal sealed class ShopFixture(string connectionString)
{
    public const int Downtown = 1;
    public const int Mall = 2;
    public const int Ring22 = 1;   // ring, line 1, 22K
    public const int Coin24 = 2;   // coin, line 2, 24K

    private long _invoice;

    public async Task CreateOrganisationAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync("""
            INSERT INTO branches (id, code, name, city, opened_on) VALUES (1, 'DT', 'Downtown', 'Dubai', '2020-01-01'), (2, 'ML', 'Mall', 'Dubai', '2020-01-01');
            INSERT INTO staff (id, branch_id, code, name, hired_on) VALUES (1, 1, 'S1', 'Amal', '2020-01-01'), (2, 2, 'S2', 'Basil', '2020-01-01');
            INSERT INTO product_lines (id, code, name) VALUES (1, 'classic', 'Classic'), (2, 'bullion', 'Bullion');
            INSERT INTO products (id, sku, name, category, product_line_id, karat, net_weight_g, making_charge_type, making_charge_value, unit_cost)
            VALUES (1, 'R-22', 'Ring 22K', 'ring', 1, 22, 5.000, 'per_gram', 10, 100),
                   (2, 'C-24', 'Coin 24K', 'coin', 2, 24, 10.000, 'percent', 1, 20);
            INSERT INTO customers (id, code, name, registered_on) VALUES (1, 'C1', 'Dana', '2020-01-01'), (2, 'C2', 'Eli', '2020-01-01');
            """);
    }

    /// <summary>An invoice with one line: gross = gold + making, tax at 5% of (gross − discount), cost as given.</summary>
    public async Task<long> SellAsync(DateOnly day, int branch, int product, decimal gold, decimal making, decimal discount, decimal cost, long? customer = null, int quantity = 1)
    {
        var id = Interlocked.Increment(ref _invoice);
        var tax = Math.Round((gold + making - discount) * 0.05m, 2, MidpointRounding.AwayFromZero);
        var subtotal = gold + making;
        var total = subtotal - discount + tax;
        var (category, line, karat, weight) = product == Ring22 ? ("ring", 1, 22, 5m) : ("coin", 2, 24, 10m);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("""
            INSERT INTO invoices (id, number, branch_id, salesperson_id, customer_id, issued_at, business_date, subtotal, discount, tax, total, cost)
            VALUES (@id, 'INV-' || @id, @branch, @branch, @customer, @day::timestamp, @day, @subtotal, @discount, @tax, @total, @cost)
            """, new { id, branch, customer, day = day.ToDateTime(TimeOnly.MinValue), subtotal, discount, tax, total, cost }, transaction);
        await connection.ExecuteAsync("""
            INSERT INTO invoice_lines (invoice_id, line_no, product_id, quantity, weight_g, gold_rate, gold_value, making_charge_type,
                making_charge_value, making_charge, discount, tax_rate, tax, line_total, line_cost, business_date, branch_id,
                salesperson_id, customer_id, category, product_line_id, karat)
            VALUES (@id, 1, @product, @quantity, @weight, 250, @gold, 'per_gram', 10, @making, @discount, 0.05, @tax, @total, @cost, @day,
                @branch, @branch, @customer, @category, @line, @karat)
            """, new { id, product, quantity, weight = weight * quantity, gold, making, discount, tax, total, cost, day = day.ToDateTime(TimeOnly.MinValue), branch, customer, category, line, karat = (short)karat }, transaction);
        await transaction.CommitAsync();
        return id;
    }

    /// <summary>Refunds the invoice's line: the amount includes 5% tax.</summary>
    public async Task RefundAsync(long invoice, DateOnly day, decimal amountWithTax, decimal costReversed)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync("""
            INSERT INTO refunds (invoice_line_id, invoice_id, branch_id, product_id, business_date, refunded_at, quantity, amount, cost_reversed)
            SELECT l.id, l.invoice_id, l.branch_id, l.product_id, @day, @day::timestamp, 1, @amountWithTax, @costReversed
              FROM invoice_lines l WHERE l.invoice_id = @invoice
            """, new { invoice, day = day.ToDateTime(TimeOnly.MinValue), amountWithTax, costReversed });
    }

    /// <summary>A stock movement of the product at the branch; a sale links to the invoice's line.</summary>
    public async Task MoveStockAsync(DateOnly day, int branch, int product, string kind, int quantity, long? invoice = null)
    {
        var grams = (product == Ring22 ? 5m : 10m) * quantity;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync("""
            INSERT INTO stock_movements (branch_id, product_id, business_date, moved_at, kind, quantity, weight_g, invoice_line_id)
            VALUES (@branch, @product, @day, @day::timestamp, @kind, @quantity, @grams,
                    (SELECT id FROM invoice_lines WHERE invoice_id = @invoice))
            """, new { branch, product, day = day.ToDateTime(TimeOnly.MinValue), kind, quantity, grams, invoice });
    }

    public async Task SetBuyRateAsync(DateOnly day, int karat, decimal buy)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync(
            "INSERT INTO gold_rates (business_date, karat, buy_per_gram, sell_per_gram) VALUES (@day, @karat, @buy, @buy * 1.1)",
            new { day = day.ToDateTime(TimeOnly.MinValue), karat = (short)karat, buy });
    }

    public async Task SetTargetAsync(int branch, DateOnly month, string metric, decimal value)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync(
            "INSERT INTO targets (branch_id, month, metric, value) VALUES (@branch, @month, @metric, @value)",
            new { branch, month = month.ToDateTime(TimeOnly.MinValue), metric, value });
    }
}
