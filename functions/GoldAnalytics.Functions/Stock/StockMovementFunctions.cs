using System.ComponentModel.DataAnnotations;
using Dapper;
using GoldAnalytics.Data.Entry;
using GoldAnalytics.Data.Outbox;
using GoldAnalytics.Data.Sales;
using GoldAnalytics.Domain.Sales;
using GoldAnalytics.Functions.Entry;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Http;
using GoldAnalytics.Runtime.Keys;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace GoldAnalytics.Functions.Stock;

/// <summary>A receipt or a counted adjustment; sales move stock through invoices.</summary>
public sealed record StockMovementRequest(
    int BranchId,
    int ProductId,
    [MaxDaysAhead(EntryDates.BusinessDaysAhead)] DateOnly BusinessDate,
    [OneOf("receipt", "adjustment")] string Kind,
    int Quantity,
    decimal? WeightG = null,
    [StringLength(500)] string? Note = null);

/// <summary>A movement as read back.</summary>
public sealed record StockMovementView(long Id, int BranchId, int ProductId, string BusinessDate, string Kind, int Quantity, decimal WeightG, string? Note);

/// <summary>Stock journal entry: receipts and adjustments in, read one, withdraw one (its effect on stock reversed).</summary>
[RequireRole(Role.Staff)]
public sealed class StockMovementFunctions(NpgsqlDataSource dataSource)
{
    private const string ViewSql = """
        SELECT id, branch_id AS BranchId, product_id AS ProductId, business_date::text AS BusinessDate, kind, quantity, weight_g AS WeightG, note
          FROM stock_movements WHERE id = @id
        """;

    [Function("CreateStockMovement")]
    public async Task<Created<StockMovementView>> Create(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "stock/movements")] HttpRequest request,
        StockMovementRequest movement,
        CancellationToken cancellationToken)
    {
        await using var write = await ShopWrite.BeginAsync(dataSource, request.Actor(), cancellationToken);
        var violations = new List<Violation>();
        if (movement.Quantity is 0 or > 100_000 or < -100_000 || (movement.Kind == "receipt" && movement.Quantity < 0))
        {
            violations.Add(new Violation("quantity", "invalid_quantity", "quantity is not 0, at most 100000 pieces, and positive for a receipt."));
        }

        if (movement.WeightG is { } weight && (weight == 0 || Math.Sign(weight) != Math.Sign(movement.Quantity) || Math.Abs(weight) >= 1_000_000 || weight != Math.Round(weight, 3)))
        {
            violations.Add(new Violation("weightG", "invalid_weight", "weightG has the sign of the quantity, is not 0 and is kept to the milligram."));
        }

        if (!await write.SingleAsync<bool>("SELECT EXISTS (SELECT 1 FROM branches WHERE id = @BranchId)", new { movement.BranchId }, cancellationToken))
        {
            violations.Add(new Violation("branchId", "unknown_branch", $"No branch has id {movement.BranchId}."));
        }

        var products = await SalesFacts.ProductsAsync(write, [movement.ProductId], cancellationToken);
        if (!products.TryGetValue(movement.ProductId, out var product))
        {
            violations.Add(new Violation("productId", "unknown_product", $"No live product has id {movement.ProductId}."));
        }
        else if (violations.Count == 0 && movement.Quantity < 0
                 && (await SalesFacts.ShortagesAsync(write, movement.BranchId, new Dictionary<int, int> { [movement.ProductId] = -movement.Quantity }, cancellationToken)).Count > 0)
        {
            violations.Add(new Violation("quantity", "insufficient_stock", $"Branch {movement.BranchId} does not hold {-movement.Quantity} of product {movement.ProductId} and does not allow negative stock."));
        }

        EntryProblems.ThrowIfAny(violations);
        var key = await AuditedRows.ChangeAsync(write, "stock_movements", "t.id = 0", "insert", """
            WITH moved AS (
                INSERT INTO stock_movements (branch_id, product_id, business_date, moved_at, kind, quantity, weight_g, note)
                VALUES (@BranchId, @ProductId, @BusinessDate, now(), @Kind, @Quantity, @Weight, @Note) RETURNING id),
            level AS (
                INSERT INTO stock_levels (branch_id, product_id, on_hand) VALUES (@BranchId, @ProductId, @Quantity)
                ON CONFLICT (branch_id, product_id) DO UPDATE SET on_hand = stock_levels.on_hand + EXCLUDED.on_hand, updated_at = now())
            SELECT id::text FROM moved
            """, new { movement.BranchId, movement.ProductId, movement.BusinessDate, movement.Kind, movement.Quantity, Weight = movement.WeightG ?? product!.NetWeightGrams * movement.Quantity, movement.Note },
            k => new DomainEvent("stock.movement.created", "stock_movement", k, [movement.BusinessDate], [movement.BranchId]), cancellationToken);
        var id = long.Parse(key!, System.Globalization.CultureInfo.InvariantCulture);
        var created = await write.SingleAsync<StockMovementView>(ViewSql, new { id }, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return TypedResults.Created($"{request.PathBase}/api/stock/movements/{id}", created);
    }

    [Function("GetStockMovement")]
    [RequireRole(Role.Viewer)]
    public async Task<Ok<StockMovementView>> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "stock/movements/{id}")] HttpRequest request,
        long id,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await FindAsync(id, cancellationToken) ?? throw EntryProblems.NotFound("stock movement", id));

    /// <summary>Withdraws a receipt or adjustment entered by mistake; the audit log keeps its image.</summary>
    [Function("DeleteStockMovement")]
    public async Task<NoContent> Delete(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "stock/movements/{id}")] HttpRequest request,
        long id,
        CancellationToken cancellationToken)
    {
        var current = await FindAsync(id, cancellationToken);
        if (current is null || current.Kind is not ("receipt" or "adjustment"))
        {
            throw new ProblemException(404, ProblemCodes.NotFound, $"No receipt or adjustment has id {id}; sales and refunds are withdrawn through their invoice or refund.");
        }

        await using var write = await ShopWrite.BeginAsync(dataSource, request.Actor(), cancellationToken);
        _ = await AuditedRows.ChangeAsync(write, "stock_movements", "t.id = @id AND t.kind IN ('receipt', 'adjustment')", "delete", """
                WITH gone AS (DELETE FROM stock_movements WHERE id = @id RETURNING id, branch_id, product_id, quantity),
                level AS (UPDATE stock_levels s SET on_hand = s.on_hand - gone.quantity, updated_at = now() FROM gone
                           WHERE s.branch_id = gone.branch_id AND s.product_id = gone.product_id)
                SELECT id::text FROM gone
                """, new { id },
                k => new DomainEvent("stock.movement.deleted", "stock_movement", k, [DateOnly.Parse(current.BusinessDate, System.Globalization.CultureInfo.InvariantCulture)], [current.BranchId]), cancellationToken)
            ?? throw EntryProblems.NotFound("stock movement", id);
        await write.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private async Task<StockMovementView?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StockMovementView>(new CommandDefinition(ViewSql, new { id }, cancellationToken: cancellationToken));
    }
}
