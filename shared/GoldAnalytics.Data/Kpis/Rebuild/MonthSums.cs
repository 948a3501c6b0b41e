using System.Runtime.InteropServices;

namespace GoldAnalytics.Data.Kpis.Rebuild;

/// <summary>
/// One line or refund of a month, as <see cref="RollupSql.LineFacts"/> and <see cref="RollupSql.RefundFacts"/>
/// read it; a refund has no invoice. Money is in cents and weight in milligrams, exactly as the
/// <c>numeric(…, 2)</c> and <c>numeric(…, 3)</c> columns hold them; the category is its number in the
/// session's <see cref="CategoryNames"/>.
/// </summary>
internal readonly record struct SalesFact(
    DateOnly Day, int BranchId, int SalespersonId, long? CustomerId, int ProductId, int Category, int ProductLineId, short Karat, long? InvoiceId,
    long GrossSales, long Discounts, long Tax, long Cost, long Refunds, long RefundedCost, int Units, long Grams, int RefundedUnits);

/// <summary>The key of a <c>sales_daily</c> row; the category by its number.</summary>
internal readonly record struct SalesKey(DateOnly Day, int BranchId, int SalespersonId, int Category, int ProductLineId, short Karat);

/// <summary>The key of an <c>invoice_daily</c> row.</summary>
internal readonly record struct InvoiceKey(DateOnly Day, int BranchId, int SalespersonId);

/// <summary>The key of a <c>product_daily</c> row.</summary>
internal readonly record struct ProductKey(DateOnly Day, int BranchId, int ProductId);

/// <summary>The key of a <c>customer_daily</c> row.</summary>
internal readonly record struct CustomerKey(DateOnly Day, long CustomerId, int BranchId);

/// <summary>A customer's earliest purchase: day, then the lowest branch on a tie, as the refresh keeps it.</summary>
internal readonly record struct FirstPurchase(DateOnly Day, int BranchId) : IComparable<FirstPurchase>
{
    public int CompareTo(FirstPurchase other) => Day != other.Day ? Day.CompareTo(other.Day) : BranchId.CompareTo(other.BranchId);

    /// <summary>Keeps <paramref name="purchase"/> as the customer's first purchase when it is earlier than the one known.</summary>
    public static void KeepEarliest(Dictionary<long, FirstPurchase> firstPurchases, long customerId, FirstPurchase purchase)
    {
        if (!firstPurchases.TryGetValue(customerId, out var earliest) || purchase.CompareTo(earliest) < 0)
        {
            firstPurchases[customerId] = purchase;
        }
    }
}

/// <summary>A group whose invoices are counted once each; the facts reach it in invoice order.</summary>
internal abstract class InvoiceGroup
{
    private long _lastInvoice = long.MinValue;

    /// <summary>True the first time the group meets this invoice; refunds carry none and never count.</summary>
    public bool IsNewInvoice(long? invoiceId)
    {
        if (invoiceId is not { } id || id == _lastInvoice)
        {
            return false;
        }

        _lastInvoice = id;
        return true;
    }
}

/// <summary>The measures the sales, invoice and product rollups share (<see cref="RollupSql.Measures"/>), in cents and milligrams.</summary>
internal class SalesMeasures : InvoiceGroup
{
    public long GrossSales, Discounts, Tax, Cost, Refunds, RefundedCost, Grams;
    public long Transactions, Units, RefundedUnits;

    // Checked: a sum beyond a long fails the rebuild instead of wrapping round.
    public void Add(in SalesFact fact)
    {
        checked
        {
            GrossSales += fact.GrossSales;
            Discounts += fact.Discounts;
            Tax += fact.Tax;
            Cost += fact.Cost;
            Refunds += fact.Refunds;
            RefundedCost += fact.RefundedCost;
            Grams += fact.Grams;
            Units += fact.Units;
            RefundedUnits += fact.RefundedUnits;
        }

        if (IsNewInvoice(fact.InvoiceId))
        {
            Transactions++;
        }
    }
}

/// <summary>A product's day at a branch: the shared measures and the smallest category, line and karat of its facts.</summary>
internal sealed class ProductMeasures(in SalesFact first) : SalesMeasures
{
    public int Category = first.Category;
    public int ProductLineId = first.ProductLineId;
    public short Karat = first.Karat;

    public void AddProduct(in SalesFact fact, CategoryNames categories)
    {
        Add(fact);
        if (categories.Compare(fact.Category, Category) < 0)
        {
            Category = fact.Category;
        }

        ProductLineId = Math.Min(ProductLineId, fact.ProductLineId);
        Karat = Math.Min(Karat, fact.Karat);
    }
}

/// <summary>A customer's day at a branch, in cents.</summary>
internal sealed class CustomerMeasures : InvoiceGroup
{
    public long Invoices;
    public long NetRevenue, GrossProfit;
}

/// <summary>
/// A month's facts summed into the four sales rollups in memory, exactly as the rebuild's SQL groups
/// them: the same keys, exact sums in whole cents and milligrams, invoices counted once per group
/// (refunds carry none). The database then only streams the facts out and the sums in; its per-row
/// sorting for <c>count(DISTINCT …)</c> was most of a rebuild's time. Every key starts with the day, so
/// the facts are summed a day at a time, in small tables that stay in the processor's cache, and in
/// invoice order within the day, so a group meets each of its invoices in one run and the distinct
/// count needs no set of pairs. Each day's rows come out in key order, the order of the rollups'
/// primary keys, so building those finds its input already sorted.
/// </summary>
internal sealed class MonthSums
{
    private readonly CategoryNames _categories;
    private readonly Dictionary<SalesKey, SalesMeasures> _sales = [];
    private readonly Dictionary<InvoiceKey, SalesMeasures> _invoices = [];
    private readonly Dictionary<ProductKey, ProductMeasures> _products = [];
    private readonly Dictionary<CustomerKey, CustomerMeasures> _customers = [];

    private MonthSums(CategoryNames categories) => _categories = categories;

    public List<KeyValuePair<SalesKey, SalesMeasures>> Sales { get; } = [];

    public List<KeyValuePair<InvoiceKey, SalesMeasures>> Invoices { get; } = [];

    public List<KeyValuePair<ProductKey, ProductMeasures>> Products { get; } = [];

    public List<KeyValuePair<CustomerKey, CustomerMeasures>> Customers { get; } = [];

    /// <summary>Sums the facts into every rollup they belong to, and their purchases into the customers' first purchases.</summary>
    public static MonthSums Of(ReadOnlySpan<SalesFact> facts, CategoryNames categories, Dictionary<long, FirstPurchase> firstPurchases)
    {
        var sums = new MonthSums(categories);
        var (order, dayStarts) = DaysInInvoiceOrder(facts);
        for (var day = 0; day + 1 < dayStarts.Length; day++)
        {
            if (dayStarts[day] == dayStarts[day + 1])
            {
                continue;
            }

            foreach (var i in order.AsSpan(dayStarts[day]..dayStarts[day + 1]))
            {
                sums.Add(facts[i], firstPurchases);
            }

            sums.EndDay();
        }

        return sums;
    }

    // The facts' positions, day after day and by invoice within a day (refunds last), and where each
    // day starts among them: a counting sort by day, then a sort of each day only if it is out of order.
    private static (int[] Order, int[] DayStarts) DaysInInvoiceOrder(ReadOnlySpan<SalesFact> facts)
    {
        if (facts.IsEmpty)
        {
            return ([], []);
        }

        int first = int.MaxValue, last = int.MinValue;
        foreach (var fact in facts)
        {
            first = Math.Min(first, fact.Day.DayNumber);
            last = Math.Max(last, fact.Day.DayNumber);
        }

        var dayStarts = new int[last - first + 2];
        foreach (var fact in facts)
        {
            dayStarts[fact.Day.DayNumber - first + 1]++;
        }

        for (var d = 1; d < dayStarts.Length; d++)
        {
            dayStarts[d] += dayStarts[d - 1];
        }

        var order = new int[facts.Length];
        var invoices = new long[facts.Length];
        var next = (int[])dayStarts.Clone();
        for (var i = 0; i < facts.Length; i++)
        {
            var slot = next[facts[i].Day.DayNumber - first]++;
            order[slot] = i;
            invoices[slot] = facts[i].InvoiceId ?? long.MaxValue;
        }

        for (var d = 0; d + 1 < dayStarts.Length; d++)
        {
            var day = invoices.AsSpan(dayStarts[d]..dayStarts[d + 1]);
            if (!IsAscending(day))
            {
                day.Sort(order.AsSpan(dayStarts[d]..dayStarts[d + 1]));
            }
        }

        return (order, dayStarts);
    }

    private static bool IsAscending(ReadOnlySpan<long> values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] < values[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    private void EndDay()
    {
        Move(_sales, Sales, CompareSales);
        Move(_invoices, Invoices, static (a, b) => (a.Day, a.BranchId, a.SalespersonId).CompareTo((b.Day, b.BranchId, b.SalespersonId)));
        Move(_products, Products, static (a, b) => (a.Day, a.BranchId, a.ProductId).CompareTo((b.Day, b.BranchId, b.ProductId)));
        Move(_customers, Customers, static (a, b) => (a.Day, a.CustomerId, a.BranchId).CompareTo((b.Day, b.CustomerId, b.BranchId)));
    }

    private int CompareSales(SalesKey a, SalesKey b)
    {
        var order = (a.Day, a.BranchId, a.SalespersonId).CompareTo((b.Day, b.BranchId, b.SalespersonId));
        if (order == 0)
        {
            order = _categories.Compare(a.Category, b.Category);
        }

        return order != 0 ? order : (a.ProductLineId, a.Karat).CompareTo((b.ProductLineId, b.Karat));
    }

    // The day's groups, sorted by key, after the month's.
    private static void Move<TKey, TValue>(Dictionary<TKey, TValue> day, List<KeyValuePair<TKey, TValue>> month, Comparison<TKey> order)
        where TKey : notnull
    {
        var start = month.Count;
        month.AddRange(day);
        day.Clear();
        CollectionsMarshal.AsSpan(month)[start..].Sort((a, b) => order(a.Key, b.Key));
    }

    private void Add(in SalesFact fact, Dictionary<long, FirstPurchase> firstPurchases)
    {
        Group(_sales, new SalesKey(fact.Day, fact.BranchId, fact.SalespersonId, fact.Category, fact.ProductLineId, fact.Karat)).Add(fact);
        Group(_invoices, new InvoiceKey(fact.Day, fact.BranchId, fact.SalespersonId)).Add(fact);

        var productKey = new ProductKey(fact.Day, fact.BranchId, fact.ProductId);
        if (!_products.TryGetValue(productKey, out var product))
        {
            _products.Add(productKey, product = new ProductMeasures(fact));
        }

        product.AddProduct(fact, _categories);

        if (fact.CustomerId is not { } customerId)
        {
            return;
        }

        var customerKey = new CustomerKey(fact.Day, customerId, fact.BranchId);
        if (!_customers.TryGetValue(customerKey, out var customer))
        {
            _customers.Add(customerKey, customer = new CustomerMeasures());
        }

        checked
        {
            var net = fact.GrossSales - fact.Discounts - fact.Refunds;
            customer.NetRevenue += net;
            customer.GrossProfit += net - fact.Cost + fact.RefundedCost;
        }

        // The group's day and branch are the purchase's: once per invoice is enough.
        if (customer.IsNewInvoice(fact.InvoiceId))
        {
            customer.Invoices++;
            FirstPurchase.KeepEarliest(firstPurchases, customerId, new FirstPurchase(fact.Day, fact.BranchId));
        }
    }

    private static SalesMeasures Group<TKey>(Dictionary<TKey, SalesMeasures> groups, TKey key)
        where TKey : notnull
    {
        if (!groups.TryGetValue(key, out var group))
        {
            groups.Add(key, group = new SalesMeasures());
        }

        return group;
    }
}
