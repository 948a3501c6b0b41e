using System.ComponentModel.DataAnnotations;
using GoldAnalytics.Domain.Sales;
using GoldAnalytics.Runtime.Http;

namespace GoldAnalytics.Functions.Sales;

/// <summary>An invoice line as entered; leave the amounts out to price it from the day's rate and the product.</summary>
public sealed record InvoiceLineRequest(
    int ProductId,
    int Quantity,
    decimal? WeightGrams = null,
    decimal? GoldRate = null,
    decimal? MakingCharge = null,
    decimal? StoneValue = null,
    decimal? Discount = null,
    decimal? TaxRate = null,
    decimal? LineTotal = null)
{
    public LineEntry ToEntry() => new(ProductId, Quantity, WeightGrams, GoldRate, MakingCharge, StoneValue, Discount ?? 0, TaxRate ?? 0, LineTotal);
}

/// <summary>An invoice as entered or replaced; <c>total</c>, when given, must match what the lines add up to.</summary>
public sealed record InvoiceRequest(
    int BranchId,
    int SalespersonId,
    [MaxDaysAhead(EntryDates.BusinessDaysAhead)] DateOnly BusinessDate,
    IReadOnlyList<InvoiceLineRequest> Lines,
    long? CustomerId = null,
    [MaxDaysAhead(EntryDates.BusinessDaysAhead)] DateTimeOffset? IssuedAt = null,
    [StringLength(40, MinimumLength = 1)] string? Number = null,
    [StringLength(2000)] string? Notes = null,
    decimal? Total = null);

/// <summary>A quick sale at the counter: products and quantities, priced from today's rate and each product's making charge.</summary>
public sealed record QuickSaleRequest(
    int BranchId,
    int SalespersonId,
    IReadOnlyList<QuickSaleItem> Items,
    long? CustomerId = null,
    [MaxDaysAhead(EntryDates.BusinessDaysAhead)] DateOnly? BusinessDate = null);

/// <summary>One item of a quick sale.</summary>
public sealed record QuickSaleItem(int ProductId, int Quantity = 1, decimal? Discount = null);
