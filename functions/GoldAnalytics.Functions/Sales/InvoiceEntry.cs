using GoldAnalytics.Data.Entry;
using GoldAnalytics.Data.Outbox;
using GoldAnalytics.Data.Sales;
using GoldAnalytics.Domain.Sales;
using GoldAnalytics.Functions.Entry;
using GoldAnalytics.Runtime.Http;
using Npgsql;

namespace GoldAnalytics.Functions.Sales;

/// <summary>Creates, replaces and deletes invoices: validation, pricing, stock, audit and the domain event in one transaction.</summary>
public sealed class InvoiceEntry(NpgsqlDataSource dataSource)
{
    /// <summary>Creates the invoice and returns it as written. A number already used is the unique index's 409.</summary>
    public async Task<InvoiceView> CreateAsync(InvoiceRequest request, string actor, CancellationToken cancellationToken)
    {
        await using var write = await ShopWrite.BeginAsync(dataSource, actor, cancellationToken);
        var header = Header(request);
        var priced = await PriceAsync(write, header, request, cancellationToken);
        var id = await InvoiceStore.NextIdAsync(write, cancellationToken);
        var number = request.Number ?? $"INV-{id:D8}";
        await InvoiceStore.InsertAsync(write, id, number, header, priced, null, cancellationToken);
        await InvoiceStore.InsertLinesAsync(write, id, header, priced, cancellationToken);
        await AuditAndEmitAsync(write, id, "insert", null, "sales.invoice.created", [header.BusinessDate], [header.BranchId], cancellationToken);
        return await CommitAsync(write, id, cancellationToken);
    }

    /// <summary>Replaces the invoice if it is still at <paramref name="expectedVersion"/> and returns it as written; 412 otherwise, so no edit is ever lost.</summary>
    public async Task<InvoiceView> ReplaceAsync(long id, int expectedVersion, InvoiceRequest request, string actor, CancellationToken cancellationToken)
    {
        await using var write = await ShopWrite.BeginAsync(dataSource, actor, cancellationToken);
        var current = await LockCurrentAsync(write, id, expectedVersion, cancellationToken);
        if (await InvoiceStore.HasRefundsAsync(write, id, cancellationToken))
        {
            throw new ProblemException(409, "invoice_refunded", $"Invoice {id} has refunds; its lines can no longer change. Refund or issue a new invoice instead.");
        }

        var before = await write.SingleAsync<string>(InvoiceStore.AuditImageSql, new { id }, cancellationToken);
        await InvoiceStore.RemoveLinesAsync(write, id, keepLines: false, cancellationToken);
        var header = Header(request);
        var priced = await PriceAsync(write, header, request, cancellationToken);
        await InvoiceStore.UpdateHeaderAsync(write, id, header, priced, cancellationToken);
        await InvoiceStore.InsertLinesAsync(write, id, header, priced, cancellationToken);
        await AuditAndEmitAsync(write, id, "update", before, "sales.invoice.updated",
            [header.BusinessDate, current.BusinessDate], [header.BranchId, current.BranchId], cancellationToken);
        return await CommitAsync(write, id, cancellationToken);
    }

    /// <summary>Soft-deletes the invoice and puts its pieces back into stock.</summary>
    public async Task DeleteAsync(long id, int? expectedVersion, string actor, CancellationToken cancellationToken)
    {
        await using var write = await ShopWrite.BeginAsync(dataSource, actor, cancellationToken);
        var current = await LockCurrentAsync(write, id, expectedVersion, cancellationToken);
        if (await InvoiceStore.HasRefundsAsync(write, id, cancellationToken))
        {
            throw new ProblemException(409, "invoice_refunded", $"Invoice {id} has refunds; delete the refunds first.");
        }

        var before = await write.SingleAsync<string>(InvoiceStore.AuditImageSql, new { id }, cancellationToken);
        await InvoiceStore.RemoveLinesAsync(write, id, keepLines: true, cancellationToken);
        await InvoiceStore.SoftDeleteAsync(write, id, cancellationToken);
        await AuditAndEmitAsync(write, id, "delete", before, "sales.invoice.deleted", [current.BusinessDate], [current.BranchId], cancellationToken);
        await write.CommitAsync(cancellationToken);
    }

    // The answer is read before the commit: a write that could not answer has written nothing.
    private static async Task<InvoiceView> CommitAsync(ShopWrite write, long id, CancellationToken cancellationToken)
    {
        var written = await InvoiceQueries.FindAsync(write, id, cancellationToken) ?? throw new InvalidOperationException($"Invoice {id} is gone within its own write.");
        await write.CommitAsync(cancellationToken);
        return written;
    }

    private static async Task<LockedInvoice> LockCurrentAsync(ShopWrite write, long id, int? expectedVersion, CancellationToken cancellationToken)
    {
        var current = await InvoiceStore.LockAsync(write, id, cancellationToken) ?? throw EntryProblems.NotFound("live invoice", id);
        if (expectedVersion is { } expected && expected != current.RowVersion)
        {
            throw new ProblemException(412, "version_conflict",
                $"Invoice {id} changed since you read it (you sent version {expected}, it is now {current.RowVersion}); read it again and redo your edit.");
        }

        return current;
    }

    private static InvoiceHeader Header(InvoiceRequest request) =>
        new(request.BranchId, request.SalespersonId, request.CustomerId, request.BusinessDate,
            (request.IssuedAt ?? DateTimeOffset.UtcNow).ToUniversalTime(), request.Notes);

    private static async Task<PricedInvoice> PriceAsync(ShopWrite write, InvoiceHeader header, InvoiceRequest request, CancellationToken cancellationToken)
    {
        var violations = (await SalesFacts.PartiesAsync(write, header.BranchId, header.SalespersonId, header.CustomerId, cancellationToken)).ToList();
        var lines = request.Lines.Select(l => l.ToEntry()).ToList();
        var products = await SalesFacts.ProductsAsync(write, lines.Select(l => l.ProductId), cancellationToken);
        var rates = await SalesFacts.RatesAsync(write, header.BusinessDate, cancellationToken);
        var (priced, pricing) = InvoicePricing.Price(lines, products, rates, request.Total);
        violations.AddRange(pricing);
        if (priced is not null && violations.Count == 0)
        {
            var wanted = priced.Lines.GroupBy(l => l.Product.ProductId).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
            foreach (var (productId, onHand) in await SalesFacts.ShortagesAsync(write, header.BranchId, wanted, cancellationToken))
            {
                var index = lines.FindIndex(l => l.ProductId == productId);
                violations.Add(new Violation($"lines[{index}].quantity", "insufficient_stock",
                    $"Branch {header.BranchId} has {onHand} of product {productId} in stock but the invoice sells {wanted[productId]}."));
            }
        }

        EntryProblems.ThrowIfAny(violations);
        return priced!;
    }

    private static async Task AuditAndEmitAsync(ShopWrite write, long id, string action, string? before, string kind, DateOnly[] days, int[] branches, CancellationToken cancellationToken)
    {
        var after = await write.SingleAsync<string>(InvoiceStore.AuditImageSql, new { id }, cancellationToken);
        await write.AuditAsync("invoices", id.ToString(System.Globalization.CultureInfo.InvariantCulture), action, before, after, cancellationToken);
        await write.EmitAsync(new DomainEvent(kind, "invoice", id.ToString(System.Globalization.CultureInfo.InvariantCulture), days, branches), cancellationToken);
    }
}
