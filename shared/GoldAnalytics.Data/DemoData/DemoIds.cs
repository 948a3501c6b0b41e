namespace GoldAnalytics.Data.DemoData;

/// <summary>The next id of each generated table; ids follow generation order so the loader can COPY them as they are.</summary>
public sealed class DemoIds
{
    private long _invoice;
    private long _invoiceLine;
    private long _refund;
    private long _tradeIn;
    private long _loyalty;
    private long _movement;
    private long _purchaseOrder;
    private long _purchaseOrderLine;
    private long _transfer;
    private long _expense;

    /// <summary>Next invoice id.</summary>
    public long Invoice() => ++_invoice;

    /// <summary>Next invoice line id.</summary>
    public long InvoiceLine() => ++_invoiceLine;

    /// <summary>Next refund id.</summary>
    public long Refund() => ++_refund;

    /// <summary>Next trade-in id.</summary>
    public long TradeIn() => ++_tradeIn;

    /// <summary>Next loyalty ledger id.</summary>
    public long Loyalty() => ++_loyalty;

    /// <summary>Next stock movement id.</summary>
    public long Movement() => ++_movement;

    /// <summary>Next purchase order id.</summary>
    public long PurchaseOrder() => ++_purchaseOrder;

    /// <summary>Next purchase order line id.</summary>
    public long PurchaseOrderLine() => ++_purchaseOrderLine;

    /// <summary>Next stock transfer id.</summary>
    public long Transfer() => ++_transfer;

    /// <summary>Next expense id.</summary>
    public long Expense() => ++_expense;
}

/// <summary>The branches' clock: business days in the shop's time zone (Gulf time, UTC+4, no daylight saving), stored as UTC.</summary>
public static class ShopClock
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(4);

    /// <summary>The UTC instant of a local time on a business day.</summary>
    public static DateTime Utc(DateOnly day, int hour, int minute, int second = 0) =>
        DateTime.SpecifyKind(day.ToDateTime(new TimeOnly(hour, minute, second)) - Offset, DateTimeKind.Utc);

    /// <summary>The UTC instant a number of seconds after local midnight of a business day.</summary>
    public static DateTime Utc(DateOnly day, int secondOfDay) =>
        DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue).AddSeconds(secondOfDay) - Offset, DateTimeKind.Utc);
}
