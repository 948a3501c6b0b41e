using Dapper;
using GoldAnalytics.Data.Entry;
using Npgsql;

namespace GoldAnalytics.Data.Sales;

/// <summary>Reads invoices for the entry screens.</summary>
public sealed class InvoiceQueries(NpgsqlDataSource dataSource)
{
    /// <summary>The invoice with its lines, including a soft-deleted one (null when the id is unknown).</summary>
    public async Task<InvoiceView?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await FindAsync(connection, null, id, cancellationToken);
    }

    /// <summary>The invoice with its lines as the write sees it (its own change included), or null.</summary>
    public static Task<InvoiceView?> FindAsync(ShopWrite write, long id, CancellationToken cancellationToken) =>
        FindAsync(write.Connection, write.Transaction, id, cancellationToken);

    private static async Task<InvoiceView?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long id, CancellationToken cancellationToken)
    {
        var invoice = await connection.QuerySingleOrDefaultAsync<InvoiceView>(new CommandDefinition("""
            SELECT id, number, branch_id AS BranchId, salesperson_id AS SalespersonId, customer_id AS CustomerId, issued_at AS IssuedAt,
                   business_date::text AS BusinessDate, subtotal, discount, tax, total, cost, notes, row_version AS RowVersion, deleted_at AS DeletedAt
              FROM invoices WHERE id = @id
            """, new { id }, transaction, cancellationToken: cancellationToken));
        if (invoice is null)
        {
            return null;
        }

        var lines = await connection.QueryAsync<InvoiceLineView>(new CommandDefinition("""
            SELECT id, line_no AS LineNo, product_id AS ProductId, quantity, weight_g AS WeightG, gold_rate AS GoldRate, gold_value AS GoldValue,
                   making_charge_type AS MakingChargeType, making_charge_value AS MakingChargeValue, making_charge AS MakingCharge,
                   stone_value AS StoneValue, discount, tax_rate AS TaxRate, tax, line_total AS LineTotal, line_cost AS LineCost
              FROM invoice_lines WHERE invoice_id = @id ORDER BY line_no
            """, new { id }, transaction, cancellationToken: cancellationToken));
        return invoice with { Lines = [.. lines] };
    }
}
