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

namespace GoldAnalytics.Functions.Expenses;

/// <summary>An expense as entered; no branch means a head-office cost.</summary>
public sealed record ExpenseRequest(
    [MaxDaysAhead(EntryDates.BusinessDaysAhead)] DateOnly BusinessDate,
    [OneOf("rent", "salaries", "utilities", "marketing", "insurance", "security", "maintenance", "other")] string Category,
    decimal Amount,
    int? BranchId = null,
    [StringLength(500)] string? Description = null,
    int? SupplierId = null);

/// <summary>An expense as read back.</summary>
public sealed record ExpenseView(long Id, int? BranchId, string Category, string BusinessDate, decimal Amount, string? Description, int? SupplierId, string? EnteredBy);

/// <summary>Expense entry: create, read, update, soft-delete.</summary>
[RequireRole(Role.Staff)]
public sealed class ExpenseFunctions(NpgsqlDataSource dataSource)
{
    private const string ViewSql = """
        SELECT id, branch_id AS BranchId, category, business_date::text AS BusinessDate, amount, description, supplier_id AS SupplierId, entered_by AS EnteredBy
          FROM expenses WHERE id = @id AND deleted_at IS NULL
        """;

    [Function("CreateExpense")]
    public async Task<Created<ExpenseView>> Create(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "expenses")] HttpRequest request,
        ExpenseRequest expense,
        CancellationToken cancellationToken)
    {
        var created = await WriteAsync(request, "insert", null, expense, """
            INSERT INTO expenses (branch_id, category, business_date, amount, description, supplier_id, entered_by)
            VALUES (@BranchId, @Category, @BusinessDate, @Amount, @Description, @SupplierId, @Actor) RETURNING id::text
            """, cancellationToken);
        return TypedResults.Created($"{request.PathBase}/api/expenses/{created.Id}", created);
    }

    [Function("GetExpense")]
    [RequireRole(Role.Viewer)]
    public async Task<Ok<ExpenseView>> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "expenses/{id}")] HttpRequest request,
        long id,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await FindAsync(id, cancellationToken) ?? throw EntryProblems.NotFound("expense", id));

    [Function("UpdateExpense")]
    public async Task<Ok<ExpenseView>> Update(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "expenses/{id}")] HttpRequest request,
        long id,
        ExpenseRequest expense,
        CancellationToken cancellationToken)
    {
        return TypedResults.Ok(await WriteAsync(request, "update", id, expense, """
            UPDATE expenses SET branch_id = @BranchId, category = @Category, business_date = @BusinessDate, amount = @Amount,
                   description = @Description, supplier_id = @SupplierId
             WHERE id = @Id AND deleted_at IS NULL RETURNING id::text
            """, cancellationToken));
    }

    [Function("DeleteExpense")]
    public async Task<NoContent> Delete(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "expenses/{id}")] HttpRequest request,
        long id,
        CancellationToken cancellationToken)
    {
        await using var write = await ShopWrite.BeginAsync(dataSource, request.Actor(), cancellationToken);
        var current = await LockAsync(write, id, cancellationToken);
        _ = await AuditedRows.SoftDeleteAsync(write, "expenses", id,
                key => Event("expenses.expense.deleted", key, [DateOnly.Parse(current.BusinessDate, System.Globalization.CultureInfo.InvariantCulture)], current.BranchId), cancellationToken)
            ?? throw EntryProblems.NotFound("expense", id);
        await write.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private async Task<ExpenseView?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ExpenseView>(new CommandDefinition(ViewSql, new { id }, cancellationToken: cancellationToken));
    }

    // The day and branch an edit moves the expense from are the ones of the locked row, not of an earlier read.
    private static async Task<ExpenseView> LockAsync(ShopWrite write, long id, CancellationToken cancellationToken) =>
        await write.SingleAsync<ExpenseView>($"{ViewSql} FOR UPDATE", new { id }, cancellationToken) ?? throw EntryProblems.NotFound("expense", id);

    private async Task<ExpenseView> WriteAsync(HttpRequest request, string action, long? id, ExpenseRequest expense, string sql, CancellationToken cancellationToken)
    {
        await using var write = await ShopWrite.BeginAsync(dataSource, request.Actor(), cancellationToken);
        var previous = id is { } existing ? await LockAsync(write, existing, cancellationToken) : null;
        var violations = new List<Violation>();
        if (expense.Amount is <= 0 or >= 1_000_000_000 || expense.Amount != Math.Round(expense.Amount, 2))
        {
            violations.Add(new Violation("amount", "must_be_positive", "amount must be above 0 and below 1,000,000,000, in cents at most."));
        }

        var found = await write.SingleAsync<(bool Branch, bool Supplier)>("""
            SELECT (@BranchId::int IS NULL OR EXISTS (SELECT 1 FROM branches WHERE id = @BranchId)), (@SupplierId::int IS NULL OR EXISTS (SELECT 1 FROM suppliers WHERE id = @SupplierId))
            """, new { expense.BranchId, expense.SupplierId }, cancellationToken);
        if (!found.Branch)
        {
            violations.Add(new Violation("branchId", "unknown_branch", $"No branch has id {expense.BranchId}."));
        }

        if (!found.Supplier)
        {
            violations.Add(new Violation("supplierId", "unknown_supplier", $"No supplier has id {expense.SupplierId}."));
        }

        EntryProblems.ThrowIfAny(violations);
        var parameters = new { Id = id ?? 0, expense.BranchId, expense.Category, expense.BusinessDate, expense.Amount, expense.Description, expense.SupplierId, Actor = request.Actor() };
        DateOnly[] days = previous is null ? [expense.BusinessDate] : [expense.BusinessDate, DateOnly.Parse(previous.BusinessDate, System.Globalization.CultureInfo.InvariantCulture)];
        var key = await AuditedRows.ChangeAsync(write, "expenses", "t.id = @Id AND t.deleted_at IS NULL", action, sql, parameters,
            k => Event(action == "insert" ? "expenses.expense.created" : "expenses.expense.updated", k, days, expense.BranchId, previous?.BranchId), cancellationToken)
            ?? throw EntryProblems.NotFound("expense", id ?? 0);
        var written = await write.SingleAsync<ExpenseView>(ViewSql, new { id = long.Parse(key, System.Globalization.CultureInfo.InvariantCulture) }, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return written!;
    }

    private static DomainEvent Event(string kind, string key, DateOnly[] days, params int?[] branches) =>
        new(kind, "expense", key, days, [.. branches.Where(b => b is not null).Select(b => b!.Value)]);
}
