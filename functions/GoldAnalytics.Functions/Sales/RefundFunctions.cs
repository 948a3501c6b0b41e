using System.ComponentModel.DataAnnotations;
using Dapper;
using GoldAnalytics.Data.Entry;
using GoldAnalytics.Data.Outbox;
using GoldAnalytics.Domain.Sales;
using GoldAnalytics.Functions.Entry;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Http;
using GoldAnalytics.Runtime.Keys;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace GoldAnalytics.Functions.Sales;

/// <summary>A refund of part or all of an invoice line; the amount defaults to the line's price per piece.</summary>
public sealed record RefundRequest(long InvoiceLineId, int Quantity, [MaxDaysAhead(EntryDates.BusinessDaysAhead)] DateOnly? BusinessDate = null, decimal? Amount = null, [StringLength(500)] string? Reason = null);

/// <summary>A refund as read back.</summary>
public sealed record RefundView(long Id, long InvoiceLineId, long InvoiceId, int BranchId, int ProductId, string BusinessDate, int Quantity, decimal Amount, decimal CostReversed, string? Reason);

/// <summary>Refund entry: refund pieces of an invoice line (they come back into stock), read one, withdraw one.</summary>
[RequireRole(Role.Staff)]
public sealed class RefundFunctions(NpgsqlDataSource dataSource)
{
    [Function("CreateRefund")]
    public async Task<Created<RefundView>> Create(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "sales/refunds")] HttpRequest request,
        RefundRequest refund,
        CancellationToken cancellationToken)
    {
        await using var write = await ShopWrite.BeginAsync(dataSource, request.Actor(), cancellationToken);
        var line = await write.SingleAsync<RefundableLine>("""
            SELECT l.id, l.invoice_id AS InvoiceId, l.branch_id AS BranchId, l.product_id AS ProductId, l.quantity, l.weight_g AS WeightG, l.line_total AS LineTotal, l.line_cost AS LineCost,
                   l.business_date::text AS SoldOn, coalesce((SELECT sum(r.quantity) FROM refunds r WHERE r.invoice_line_id = l.id), 0)::int AS Refunded,
                   coalesce((SELECT sum(r.amount) FROM refunds r WHERE r.invoice_line_id = l.id), 0) AS RefundedAmount
              FROM invoice_lines l WHERE l.id = @InvoiceLineId AND l.deleted_at IS NULL FOR UPDATE
            """, new { refund.InvoiceLineId }, cancellationToken) ?? throw EntryProblems.NotFound("live invoice line", refund.InvoiceLineId);
        var day = refund.BusinessDate ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var amount = refund.Amount ?? Math.Round(line.LineTotal * refund.Quantity / line.Quantity, 2, MidpointRounding.AwayFromZero);
        EntryProblems.ThrowIfAny(Validate(refund, line, day, amount));
        var key = await AuditedRows.ChangeAsync(write, "refunds", "t.id = 0", "insert", """
            WITH refunded AS (
                INSERT INTO refunds (invoice_line_id, invoice_id, branch_id, product_id, business_date, refunded_at, quantity, amount, cost_reversed, reason)
                VALUES (@LineId, @InvoiceId, @BranchId, @ProductId, @day, now(), @Quantity, @amount, @cost, @Reason) RETURNING id),
            moved AS (
                INSERT INTO stock_movements (branch_id, product_id, business_date, moved_at, kind, quantity, weight_g, refund_id)
                SELECT @BranchId, @ProductId, @day, now(), 'refund_return', @Quantity, @weight, id FROM refunded),
            level AS (
                INSERT INTO stock_levels (branch_id, product_id, on_hand) VALUES (@BranchId, @ProductId, @Quantity)
                ON CONFLICT (branch_id, product_id) DO UPDATE SET on_hand = stock_levels.on_hand + EXCLUDED.on_hand, updated_at = now())
            SELECT id::text FROM refunded
            """, new
            {
                LineId = line.Id, line.InvoiceId, line.BranchId, line.ProductId, day, refund.Quantity, amount, refund.Reason,
                cost = Math.Round(line.LineCost * refund.Quantity / line.Quantity, 2, MidpointRounding.AwayFromZero),
                weight = Math.Round(line.WeightG * refund.Quantity / line.Quantity, 3, MidpointRounding.AwayFromZero),
            }, k => new DomainEvent("sales.refund.created", "refund", k, [day], [line.BranchId]), cancellationToken);
        await write.CommitAsync(cancellationToken);
        var id = long.Parse(key!, System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Created($"{request.PathBase}/api/sales/refunds/{id}", await FindAsync(id, cancellationToken));
    }

    [Function("GetRefund")]
    [RequireRole(Role.Viewer)]
    public async Task<Ok<RefundView>> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "sales/refunds/{id}")] HttpRequest request,
        long id,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await FindAsync(id, cancellationToken) ?? throw EntryProblems.NotFound("refund", id));

    /// <summary>Withdraws a refund entered by mistake: its pieces leave stock again; the audit log keeps its image.</summary>
    [Function("DeleteRefund")]
    public async Task<NoContent> Delete(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "sales/refunds/{id}")] HttpRequest request,
        long id,
        CancellationToken cancellationToken)
    {
        var current = await FindAsync(id, cancellationToken) ?? throw EntryProblems.NotFound("refund", id);
        await using var write = await ShopWrite.BeginAsync(dataSource, request.Actor(), cancellationToken);
        _ = await AuditedRows.ChangeAsync(write, "refunds", "t.id = @id", "delete", """
                WITH moved AS (DELETE FROM stock_movements WHERE refund_id = @id RETURNING branch_id, product_id, quantity),
                level AS (UPDATE stock_levels s SET on_hand = s.on_hand - moved.quantity, updated_at = now() FROM moved
                           WHERE s.branch_id = moved.branch_id AND s.product_id = moved.product_id),
                -- NO ACTION foreign keys are checked at the end of the statement, when the movement is gone too.
                gone AS (DELETE FROM refunds WHERE id = @id RETURNING id)
                SELECT id::text FROM gone
                """, new { id },
                k => new DomainEvent("sales.refund.deleted", "refund", k, [DateOnly.Parse(current.BusinessDate, System.Globalization.CultureInfo.InvariantCulture)], [current.BranchId]), cancellationToken)
            ?? throw EntryProblems.NotFound("refund", id);
        await write.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static List<Violation> Validate(RefundRequest refund, RefundableLine line, DateOnly day, decimal amount)
    {
        var violations = new List<Violation>();
        if (refund.Quantity <= 0 || refund.Quantity > line.Quantity - line.Refunded)
        {
            violations.Add(new Violation("quantity", "out_of_range", $"quantity must be between 1 and {line.Quantity - line.Refunded}, the pieces of the line not yet refunded."));
        }

        if (amount <= 0 || amount != Math.Round(amount, 2) || amount > line.LineTotal - line.RefundedAmount)
        {
            violations.Add(new Violation("amount", "out_of_range", $"amount must be above 0 and at most {line.LineTotal - line.RefundedAmount}, what is left of the line's total."));
        }

        if (day < DateOnly.ParseExact(line.SoldOn, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
        {
            violations.Add(new Violation("businessDate", "before_sale", $"A refund cannot be dated before the sale on {line.SoldOn}."));
        }

        return violations;
    }

    private async Task<RefundView?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RefundView>(new CommandDefinition("""
            SELECT id, invoice_line_id AS InvoiceLineId, invoice_id AS InvoiceId, branch_id AS BranchId, product_id AS ProductId, business_date::text AS BusinessDate,
                   quantity, amount, cost_reversed AS CostReversed, reason
              FROM refunds WHERE id = @id
            """, new { id }, cancellationToken: cancellationToken));
    }

    private sealed record RefundableLine(long Id, long InvoiceId, int BranchId, int ProductId, int Quantity, decimal WeightG, decimal LineTotal, decimal LineCost, string SoldOn, int Refunded, decimal RefundedAmount);
}
