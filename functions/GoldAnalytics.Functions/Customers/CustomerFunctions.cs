using System.ComponentModel.DataAnnotations;
using GoldAnalytics.Data.Customers;
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

namespace GoldAnalytics.Functions.Customers;

/// <summary>A customer as entered.</summary>
public sealed record CustomerRequest(
    [StringLength(40, MinimumLength = 1)] string Code,
    [StringLength(200, MinimumLength = 1)] string Name,
    [StringLength(40)] string? Phone = null,
    [StringLength(200)] string? Email = null,
    DateOnly? Birthday = null,
    [StringLength(100)] string? City = null,
    int? HomeBranchId = null,
    [MaxDaysAhead(EntryDates.BusinessDaysAhead)] DateOnly? RegisteredOn = null,
    bool? MarketingOptIn = null);

/// <summary>Customer entry: create, read, update, soft-delete, and the autocomplete.</summary>
[RequireRole(Role.Staff)]
public sealed class CustomerFunctions(NpgsqlDataSource dataSource, CustomerQueries queries)
{
    private const string Columns = "code = @Code, name = @Name, phone = @Phone, email = @Email, birthday = @Birthday, city = @City, home_branch_id = @HomeBranchId, marketing_opt_in = coalesce(@MarketingOptIn, false)";

    [Function("CreateCustomer")]
    public async Task<Created<CustomerView>> Create(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "customers")] HttpRequest request,
        CustomerRequest customer,
        CancellationToken cancellationToken)
    {
        var created = await WriteAsync(request, "insert", null, customer, """
            INSERT INTO customers (code, name, phone, email, birthday, city, home_branch_id, registered_on, marketing_opt_in)
            VALUES (@Code, @Name, @Phone, @Email, @Birthday, @City, @HomeBranchId, coalesce(@RegisteredOn, current_date), coalesce(@MarketingOptIn, false))
            RETURNING id::text
            """, cancellationToken);
        return TypedResults.Created($"{request.PathBase}/api/customers/{created.Id}", created);
    }

    [Function("GetCustomer")]
    [RequireRole(Role.Viewer)]
    public async Task<Ok<CustomerView>> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "customers/{id}")] HttpRequest request,
        long id,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.FindAsync(id, cancellationToken) ?? throw EntryProblems.NotFound("customer", id));

    [Function("UpdateCustomer")]
    public async Task<Ok<CustomerView>> Update(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "customers/{id}")] HttpRequest request,
        long id,
        CustomerRequest customer,
        CancellationToken cancellationToken)
    {
        return TypedResults.Ok(await WriteAsync(request, "update", id, customer, $"UPDATE customers SET {Columns} WHERE id = @Id AND deleted_at IS NULL RETURNING id::text", cancellationToken));
    }

    [Function("DeleteCustomer")]
    public async Task<NoContent> Delete(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "customers/{id}")] HttpRequest request,
        long id,
        CancellationToken cancellationToken)
    {
        await using var write = await ShopWrite.BeginAsync(dataSource, request.Actor(), cancellationToken);
        _ = await AuditedRows.SoftDeleteAsync(write, "customers", id, Event("customers.customer.deleted"), cancellationToken)
            ?? throw EntryProblems.NotFound("customer", id);
        await write.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    [Function("SuggestCustomers")]
    [RequireRole(Role.Viewer)]
    public async Task<Ok<IReadOnlyList<Suggestion>>> Suggest(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "customers/suggest")] HttpRequest request,
        [StringLength(100, MinimumLength = 1)] string q,
        CancellationToken cancellationToken,
        [Range(1, 50)] int limit = 10) =>
        TypedResults.Ok(await queries.SuggestAsync(q.Trim(), limit, cancellationToken));

    private async Task<CustomerView> WriteAsync(HttpRequest request, string action, long? id, CustomerRequest customer, string sql, CancellationToken cancellationToken)
    {
        await using var write = await ShopWrite.BeginAsync(dataSource, request.Actor(), cancellationToken);
        EntryProblems.ThrowIfAny(await ValidateAsync(write, id, customer, cancellationToken));
        var parameters = new
        {
            Id = id ?? 0, customer.Code, customer.Name, customer.Phone, customer.Email, customer.Birthday, customer.City,
            customer.HomeBranchId, customer.RegisteredOn, customer.MarketingOptIn,
        };
        var key = await AuditedRows.ChangeAsync(write, "customers", "t.id = @Id AND t.deleted_at IS NULL", action, sql, parameters,
            Event(action == "insert" ? "customers.customer.created" : "customers.customer.updated"), cancellationToken)
            ?? throw EntryProblems.NotFound("customer", id ?? 0);
        var written = await CustomerQueries.FindAsync(write, long.Parse(key, System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        await write.CommitAsync(cancellationToken);
        return written!;
    }

    private static async Task<IReadOnlyList<Violation>> ValidateAsync(ShopWrite write, long? id, CustomerRequest customer, CancellationToken cancellationToken)
    {
        var violations = new List<Violation>();
        if (string.IsNullOrWhiteSpace(customer.Code) || string.IsNullOrWhiteSpace(customer.Name))
        {
            violations.Add(new Violation(string.IsNullOrWhiteSpace(customer.Code) ? "code" : "name", "required", "code and name cannot be blank."));
        }

        if (customer.Email is { } email && !new EmailAddressAttribute().IsValid(email))
        {
            violations.Add(new Violation("email", "invalid_email", $"'{email}' is not an e-mail address."));
        }

        if (customer.Birthday > DateOnly.FromDateTime(DateTime.UtcNow))
        {
            violations.Add(new Violation("birthday", "in_the_future", "birthday cannot be in the future."));
        }

        if (customer.HomeBranchId is { } branch && !await write.SingleAsync<bool>("SELECT EXISTS (SELECT 1 FROM branches WHERE id = @branch)", new { branch }, cancellationToken))
        {
            violations.Add(new Violation("homeBranchId", "unknown_branch", $"No branch has id {branch}."));
        }

        // A taken code alone is a conflict the unique index answers (409, also for two concurrent creates);
        // with other broken rules it is listed among them, so one answer says all there is to fix.
        if (violations.Count > 0
            && await write.SingleAsync<bool>("SELECT EXISTS (SELECT 1 FROM customers WHERE code = @Code AND deleted_at IS NULL AND id <> @id)", new { customer.Code, id = id ?? 0 }, cancellationToken))
        {
            violations.Add(new Violation("code", "duplicate_code", $"Another customer already has code {customer.Code}."));
        }

        return violations;
    }

    private static Func<string, DomainEvent> Event(string kind) => key => new DomainEvent(kind, "customer", key, [], []);
}
