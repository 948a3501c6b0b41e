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
    private const string ViewSql = """
        SELECT id, invoice_line_id AS InvoiceLineId, invoice_id AS InvoiceId, branch_id AS BranchId, product_id AS ProductId, business_date::text AS BusinessDate,
               quantity, amount, cost_reversed AS CostReversed, reason
          FROM refunds WHERE id = @id
        """;

    [Function("CreateRefund")]
    public async Task<Created<RefundView>> Create(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "sales/refunds")] HttpRequest request,
        RefundRequest refund,
        CancellationToken cancellationToken)
    {
        await using var write = await ShopWrite.BeginAsync(dataSource, request.Actor(), cancellationToken);
        var line = await LockLineAsync(write, refund.InvoiceLineId, cancellationToken) ?? throw EntryProblems.NotFound("live invoice line", refund.InvoiceLineId);
        var day = refund.BusinessDate ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var share = line.Share(refund.Quantity, refund.Amount);
        EntryProblems.ThrowIfAny(Validate(refund, line, day, share.Amount));
        var key = await AuditedRows.ChangeAsync(write, "refunds", "t.id = 0", "insert", """
            WITH refunded AS (
                INSERT INTO refunds (invoice_line_id, invoice_id, branch_id, product_id, business_date, refunded_at, quantity, amount, cost_reversed, reason)
                VALUES (@LineId, @InvoiceId, @BranchId, @ProductId, @day, now(), @Quantity, @Amount, @Cost, @Reason) RETURNING id),
            moved AS (
                INSERT INTO stock_movements (branch_id, product_id, business_date, moved_at, kind, quantity, weight_g, refund_id)
                SELECT @BranchId, @ProductId, @day, now(), 'refund_return', @Quantity, @WeightG, id FROM refunded),
            level AS (
                INSERT INTO stock_levels (branch_id, product_id, on_hand) VALUES (@BranchId, @ProductId, @Quantity)
                ON CONFLICT (branch_id, product_id) DO UPDATE SET on_hand = stock_levels.on_hand + EXCLUDED.on_hand, updated_at = now())
            SELECT id::text FROM refunded
            """, new
            {
                LineId = line.Id, line.InvoiceId, line.BranchId, line.ProductId, day, refund.Quantity, share.Amount, share.Cost, share.WeightG, refund.Reason,
            }, k => new DomainEvent("sales.refund.created", "refund", k, [day], [line.BranchId]), cancellationToken);
        var id = long.Parse(key!, System.Globalization.CultureInfo.InvariantCulture);
        var created = await write.SingleAsync<RefundView>(ViewSql, new { id }, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return TypedResults.Created($"{request.PathBase}/api/sales/refunds/{id}", created);
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
        if (refund.Quantity <= 0 || refund.Quantity > line.PiecesLeft)
        {
            violations.Add(new Violation("quantity", "out_of_range", $"quantity must be between 1 and {line.PiecesLeft}, the pieces of the line not yet refunded."));
        }

        if (amount <= 0 || amount != Math.Round(amount, 2) || amount > line.AmountLeft)
        {
            violations.Add(new Violation("amount", "out_of_range", $"amount must be above 0 and at most {line.AmountLeft}, what is left of the line's total."));
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
        return await connection.QuerySingleOrDefaultAsync<RefundView>(new CommandDefinition(ViewSql, new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Locks the live line and reads what its refunds already took, in that order: the invoice first (shared, so its
    /// edit or deletion waits for the refund, and the refund for them), then the line, which queues refunds of it one
    /// behind the other; only then the totals, in a statement of their own, whose fresh snapshot sees every refund
    /// committed before the lock was granted. (Read in the locking statement they would miss those.)
    /// </summary>
    private static async Task<RefundableLine?> LockLineAsync(ShopWrite write, long lineId, CancellationToken cancellationToken)
    {
        var invoice = await write.SingleAsync<long?>("""
            SELECT i.id FROM invoices i WHERE i.id = (SELECT invoice_id FROM invoice_lines WHERE id = @lineId) AND i.deleted_at IS NULL FOR SHARE
            """, new { lineId }, cancellationToken);
        var line = invoice is null ? null : await write.SingleAsync<SoldLine>("""
            SELECT id, invoice_id AS InvoiceId, branch_id AS BranchId, product_id AS ProductId, quantity, weight_g AS WeightG, line_total AS LineTotal,
                   line_cost AS LineCost, business_date::text AS SoldOn
              FROM invoice_lines WHERE id = @lineId AND invoice_id = @invoice AND deleted_at IS NULL FOR UPDATE
            """, new { lineId, invoice }, cancellationToken);
        if (line is null)
        {
            return null;
        }

        var refunded = await write.SingleAsync<Refunded>("""
            SELECT coalesce(sum(quantity), 0)::int AS Quantity, coalesce(sum(amount), 0) AS Amount, coalesce(sum(cost_reversed), 0) AS Cost,
                   coalesce((SELECT sum(m.weight_g) FROM stock_movements m WHERE m.refund_id IN (SELECT id FROM refunds WHERE invoice_line_id = @lineId)), 0) AS WeightG
              FROM refunds WHERE invoice_line_id = @lineId
            """, new { lineId }, cancellationToken);
        return new RefundableLine(line, refunded!);
    }

    private sealed record SoldLine(long Id, long InvoiceId, int BranchId, int ProductId, int Quantity, decimal WeightG, decimal LineTotal, decimal LineCost, string SoldOn);

    private sealed record Refunded(int Quantity, decimal Amount, decimal Cost, decimal WeightG);

    private sealed record RefundShare(decimal Amount, decimal Cost, decimal WeightG);

    private sealed record RefundableLine(SoldLine Sold, Refunded Refunded)
    {
        public long Id => Sold.Id;

        public long InvoiceId => Sold.InvoiceId;

        public int BranchId => Sold.BranchId;

        public int ProductId => Sold.ProductId;

        public string SoldOn => Sold.SoldOn;

        public int PiecesLeft => Sold.Quantity - Refunded.Quantity;

        public decimal AmountLeft => Sold.LineTotal - Refunded.Amount;

        /// <summary>
        /// The amount (unless given), cost and weight of <paramref name="pieces"/>: a share of the line by pieces, rounded,
        /// except for the pieces that complete the line, which take exactly what is left, so a line's refunds add up to it.
        /// </summary>
        public RefundShare Share(int pieces, decimal? amount)
        {
            if (pieces == PiecesLeft)
            {
                return new RefundShare(amount ?? AmountLeft, Math.Max(0, Sold.LineCost - Refunded.Cost), Sold.WeightG - Refunded.WeightG);
            }

            decimal Part(decimal whole, decimal left, int decimals) =>
                Math.Min(left, Math.Round(whole * pieces / Sold.Quantity, decimals, MidpointRounding.AwayFromZero));
            return new RefundShare(amount ?? Part(Sold.LineTotal, AmountLeft, 2), Part(Sold.LineCost, Math.Max(0, Sold.LineCost - Refunded.Cost), 2), Part(Sold.WeightG, Sold.WeightG - Refunded.WeightG, 3));
        }
    }
}
