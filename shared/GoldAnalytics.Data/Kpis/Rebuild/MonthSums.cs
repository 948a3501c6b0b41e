namespace GoldAnalytics.Data.Kpis.Rebuild;

/// <summary>One line or refund of a month, as <see cref="RollupSql.FactsSelect"/> reads it; a refund has no invoice.</summary>
internal readonly record struct SalesFact(
    DateOnly Day, int BranchId, int SalespersonId, long? CustomerId, int ProductId, string Category, int ProductLineId, short Karat, long? InvoiceId,
    decimal GrossSales, decimal Discounts, decimal Tax, decimal Cost, decimal Refunds, decimal RefundedCost, int Units, decimal Grams, int RefundedUnits);

/// <summary>The key of a <c>sales_daily</c> row.</summary>
internal readonly record struct SalesKey(DateOnly Day, int BranchId, int SalespersonId, string Category, int ProductLineId, short Karat);

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

/// <summary>The measures the sales, invoice and product rollups share (<see cref="RollupSql.Measures"/>).</summary>
internal class SalesMeasures : InvoiceGroup
{
    public decimal GrossSales, Discounts, Tax, Cost, Refunds, RefundedCost, Grams;
    public long Transactions, Units, RefundedUnits;

    public void Add(in SalesFact fact)
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
        if (IsNewInvoice(fact.InvoiceId))
        {
            Transactions++;
        }
    }
}

/// <summary>A product's day at a branch: the shared measures and the smallest category, line and karat of its facts.</summary>
internal sealed class ProductMeasures(in SalesFact first) : SalesMeasures
{
    public string Category = first.Category;
    public int ProductLineId = first.ProductLineId;
    public short Karat = first.Karat;

    public void AddProduct(in SalesFact fact)
    {
        Add(fact);
        if (string.CompareOrdinal(fact.Category, Category) < 0)
        {
            Category = fact.Category;
        }

        ProductLineId = Math.Min(ProductLineId, fact.ProductLineId);
        Karat = Math.Min(Karat, fact.Karat);
    }
}

/// <summary>A customer's day at a branch.</summary>
internal sealed class CustomerMeasures : InvoiceGroup
{
    public long Invoices;
    public decimal NetRevenue, GrossProfit;
}

/// <summary>
/// A month's facts summed into the four sales rollups in memory, exactly as the rebuild's SQL groups
/// them: the same keys, exact decimal sums, invoices counted once per group (refunds carry none). The
/// database then only streams the facts out and the sums in; its per-row sorting for
/// <c>count(DISTINCT …)</c> was most of a rebuild's time. Every key starts with the day, so the facts
/// are summed a day at a time, in small tables that stay in the processor's cache, and in invoice
/// order within the day, so a group meets each of its invoices in one run and the distinct count
/// needs no set of pairs. The rows come out in day order.
/// </summary>
internal sealed class MonthSums
{
    private readonly Dictionary<SalesKey, SalesMeasures> _sales = [];
    private readonly Dictionary<InvoiceKey, SalesMeasures> _invoices = [];
    private readonly Dictionary<ProductKey, ProductMeasures> _products = [];
    private readonly Dictionary<CustomerKey, CustomerMeasures> _customers = [];

    private MonthSums()
    {
    }

    public List<KeyValuePair<SalesKey, SalesMeasures>> Sales { get; } = [];

    public List<KeyValuePair<InvoiceKey, SalesMeasures>> Invoices { get; } = [];

    public List<KeyValuePair<ProductKey, ProductMeasures>> Products { get; } = [];

    public List<KeyValuePair<CustomerKey, CustomerMeasures>> Customers { get; } = [];

    /// <summary>Sums the facts into every rollup they belong to, and their purchases into the customers' first purchases.</summary>
    public static MonthSums Of(IReadOnlyList<SalesFact> facts, Dictionary<long, FirstPurchase> firstPurchases)
    {
        var sums = new MonthSums();
        foreach (var day in facts.Select((fact, index) => (fact.Day, index)).GroupBy(f => f.Day, f => f.index).OrderBy(d => d.Key))
        {
            var order = day.ToArray();
            var invoices = Array.ConvertAll(order, i => facts[i].InvoiceId ?? long.MaxValue);
            Array.Sort(invoices, order);
            foreach (var i in order)
            {
                sums.Add(facts[i], firstPurchases);
            }

            sums.EndDay();
        }

        return sums;
    }

    private void EndDay()
    {
        Move(_sales, Sales);
        Move(_invoices, Invoices);
        Move(_products, Products);
        Move(_customers, Customers);
    }

    private static void Move<TKey, TValue>(Dictionary<TKey, TValue> day, List<KeyValuePair<TKey, TValue>> month)
        where TKey : notnull
    {
        month.AddRange(day);
        day.Clear();
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

        product.AddProduct(fact);

        if (fact.CustomerId is not { } customerId)
        {
            return;
        }

        var customerKey = new CustomerKey(fact.Day, customerId, fact.BranchId);
        if (!_customers.TryGetValue(customerKey, out var customer))
        {
            _customers.Add(customerKey, customer = new CustomerMeasures());
        }

        var net = fact.GrossSales - fact.Discounts - fact.Refunds;
        customer.NetRevenue += net;
        customer.GrossProfit += net - fact.Cost + fact.RefundedCost;
        if (customer.IsNewInvoice(fact.InvoiceId))
        {
            customer.Invoices++;
        }

        if (fact.InvoiceId is not null)
        {
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
