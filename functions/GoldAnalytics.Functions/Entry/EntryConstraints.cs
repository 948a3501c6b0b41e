using GoldAnalytics.Runtime.Http;

namespace GoldAnalytics.Functions.Entry;

/// <summary>
/// The problem each shop constraint answers with when a write violates it: natural keys two concurrent creates may
/// both find free (409 naming the field), and the limits the database keeps whatever the entry checks read
/// (refunds within their line, stock within the branch's rule). The runtime's problem middleware applies them.
/// </summary>
internal static class EntryConstraints
{
    public static IReadOnlyDictionary<string, ConstraintProblem> Problems { get; } = new Dictionary<string, ConstraintProblem>(StringComparer.Ordinal)
    {
        ["customers_code"] = Duplicate("code", "duplicate_code", "Another live customer already has this code; choose another or update that customer."),
        ["products_sku"] = Duplicate("sku", "duplicate_sku", "Another live product already has this SKU; choose another or update that product."),
        ["invoices_number_key"] = Duplicate("number", "duplicate_number", "This invoice number is already used; leave it out to get the next number."),
        ["branches_code_key"] = Duplicate("code", "duplicate_code", "Another branch already has this code."),
        ["staff_code_key"] = Duplicate("code", "duplicate_code", "Another staff member already has this code."),
        ["suppliers_code_key"] = Duplicate("code", "duplicate_code", "Another supplier already has this code."),
        ["product_lines_code_key"] = Duplicate("code", "duplicate_code", "Another product line already has this code."),
        ["purchase_orders_number_key"] = Duplicate("number", "duplicate_number", "Another purchase order already has this number."),
        ["import_files_hash"] = new(409, "already_imported", "file", "This file is being imported or was imported already; its import record has the result."),
        ["refunds_within_line_quantity"] = new(409, "refund_exceeds_line", "quantity",
            "The line has fewer pieces left to refund than this refund returns (another refund of it got there first); read its refunds and refund what is left."),
        ["refunds_within_line_amount"] = new(409, "refund_exceeds_line", "amount",
            "The line has less of its total left to refund than this refund pays back (another refund of it got there first); read its refunds and refund what is left."),
        ["stock_levels_not_negative"] = new(409, "insufficient_stock", "quantity",
            "The branch does not hold the pieces this takes out of its stock (another sale or movement took them first) and does not allow negative stock."),
    };

    private static ConstraintProblem Duplicate(string field, string code, string detail) => new(409, code, field, detail);
}
