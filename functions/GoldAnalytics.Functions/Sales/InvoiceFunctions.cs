using System.Globalization;
using GoldAnalytics.Data.Sales;
using GoldAnalytics.Functions.Entry;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Http;
using GoldAnalytics.Runtime.Keys;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoldAnalytics.Functions.Sales;

/// <summary>Sales invoice entry: create (or quick sale), read with its ETag, replace with If-Match, soft-delete.</summary>
[RequireRole(Role.Staff)]
public sealed class InvoiceFunctions(InvoiceEntry entry, InvoiceQueries queries)
{
    [Function("CreateInvoice")]
    public async Task<Created<InvoiceView>> Create(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "sales/invoices")] HttpRequest request,
        InvoiceRequest invoice,
        CancellationToken cancellationToken)
    {
        return Created(request, await entry.CreateAsync(invoice, request.Actor(), cancellationToken));
    }

    [Function("QuickSale")]
    public async Task<Created<InvoiceView>> QuickSale(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "sales/quick-sale")] HttpRequest request,
        QuickSaleRequest sale,
        CancellationToken cancellationToken)
    {
        var invoice = new InvoiceRequest(sale.BranchId, sale.SalespersonId, sale.BusinessDate ?? DateOnly.FromDateTime(DateTime.UtcNow),
            [.. sale.Items.Select(i => new InvoiceLineRequest(i.ProductId, i.Quantity, Discount: i.Discount))], sale.CustomerId);
        return Created(request, await entry.CreateAsync(invoice, request.Actor(), cancellationToken));
    }

    [Function("GetInvoice")]
    [RequireRole(Role.Viewer)]
    public async Task<Ok<InvoiceView>> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "sales/invoices/{id}")] HttpRequest request,
        long id,
        CancellationToken cancellationToken)
    {
        var invoice = await queries.FindAsync(id, cancellationToken) ?? throw EntryProblems.NotFound("invoice", id);
        SetETag(request, invoice.RowVersion);
        return TypedResults.Ok(invoice);
    }

    [Function("ReplaceInvoice")]
    public async Task<Ok<InvoiceView>> Replace(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "sales/invoices/{id}")] HttpRequest request,
        long id,
        InvoiceRequest invoice,
        CancellationToken cancellationToken)
    {
        var expected = IfMatch(request) ?? throw new ProblemException(428, "if_match_required",
            "Send the ETag you read (GET the invoice) in an If-Match header, so a concurrent edit is never overwritten.");
        var updated = await entry.ReplaceAsync(id, expected, invoice, request.Actor(), cancellationToken);
        SetETag(request, updated.RowVersion);
        return TypedResults.Ok(updated);
    }

    [Function("DeleteInvoice")]
    public async Task<NoContent> Delete(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "sales/invoices/{id}")] HttpRequest request,
        long id,
        CancellationToken cancellationToken)
    {
        await entry.DeleteAsync(id, IfMatch(request), request.Actor(), cancellationToken);
        return TypedResults.NoContent();
    }

    private static Created<InvoiceView> Created(HttpRequest request, InvoiceView created)
    {
        SetETag(request, created.RowVersion);
        return TypedResults.Created($"{request.PathBase}/api/sales/invoices/{created.Id}", created);
    }

    private static void SetETag(HttpRequest request, int rowVersion) =>
        request.HttpContext.Response.Headers.ETag = $"\"{rowVersion.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The row version an If-Match header names (<c>"3"</c> or <c>W/"3"</c>); 412 for one that names none.</summary>
    private static int? IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var value = header.Trim();
        value = value.StartsWith("W/", StringComparison.Ordinal) ? value[2..] : value;
        return int.TryParse(value.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new ProblemException(412, "version_conflict", $"If-Match '{header}' is not an ETag of this invoice; GET it and send its ETag.");
    }
}
