using GoldAnalytics.Data.DemoData.Rows;
using GoldAnalytics.Domain.Pricing;

namespace GoldAnalytics.Data.DemoData;

/// <summary>
/// A branch's trading day: invoices spread over opening hours with an evening peak, customers new
/// and returning (or walk-ins), lines priced from the day's rate with the domain pricing, stock
/// taken line by line, loyalty points, old-gold trade-ins, and refunds a few days later.
/// </summary>
public sealed class SalesFloor(
    DemoProfile profile,
    ShopCalendar calendar,
    Organisation organisation,
    Catalogue catalogue,
    CustomerBase customers,
    StockBook stock,
    MonthlyActuals actuals,
    DemoIds ids,
    DemoRandom random)
{
    private const int Opens = (10 * 3600) + 300;
    private const int Closes = 22 * 3600;

    // Many buyers leave no details; with the regulars who drift away, about 60% of invoices end up anonymous.
    private const double WalkInShare = 0.5;
    private static readonly string[] RefundReasons = ["changed mind", "size does not fit", "gift exchange", "found a defect", "duplicate gift"];
    private static readonly short[] TradeInKarats = [22, 22, 22, 21, 21, 18, 18, 24];

    private readonly WeightedPicker _everyday = new(catalogue.Products.Select(p => p.Popularity));
    private readonly WeightedPicker _investmentDay = new(catalogue.Products.Select(p => p.Popularity * (p.Investment ? 6 : 1)));
    private readonly SortedDictionary<DateOnly, List<(InvoiceLineRow Line, int Quantity)>> _refunds = [];
    private readonly Dictionary<(int Branch, int Year), int> _invoiceNumbers = [];
    private readonly HashSet<int> _onInvoice = [];

    /// <summary>Expected lines per invoice (used to size stock).</summary>
    public const double LinesPerInvoice = 1.7;

    /// <summary>Refunds due on the day, at the counter before the first sale.</summary>
    public void OpenDay(DateOnly day, DemoChunk chunk)
    {
        if (!_refunds.Remove(day, out var due))
        {
            return;
        }

        var second = (9 * 3600) + (45 * 60);
        foreach (var (line, quantity) in due)
        {
            var refund = new RefundRow(
                ids.Refund(), line.Id, line.InvoiceId, line.BranchId, line.ProductId, day, ShopClock.Utc(day, second++), quantity,
                Money.Round(line.LineTotal * quantity / line.Quantity), Money.Round(line.LineCost * quantity / line.Quantity), random.Pick(RefundReasons));
            chunk.Refunds.Add(refund);
            stock.Return(chunk, refund);
            actuals.Refund(refund, line);
        }
    }

    /// <summary>Expected invoices at the branch on the day.</summary>
    public double ExpectedInvoices(DemoBranch branch, DateOnly day) =>
        profile.InvoicesPerBranchDay * profile.Scale * branch.TrafficShare * calendar.Traffic(day);

    /// <summary>Trades one day at one branch.</summary>
    public void Trade(DateOnly day, DemoBranch branch, DayRates rates, DemoChunk chunk)
    {
        var working = organisation.WorkingAt(branch.Id, day);
        var times = InvoiceTimes(random.Count(ExpectedInvoices(branch, day)));
        var investmentDay = ShopCalendar.IsInvestmentDay(day);
        foreach (var second in times)
        {
            var salesperson = Organisation.PickSalesperson(working, random);
            var customer = random.Chance(WalkInShare) ? -1 : customers.PickFor(branch.Id, day, random);
            var issuedAt = ShopClock.Utc(day, second);
            var picker = investmentDay || salesperson.BullionDesk ? _investmentDay : _everyday;
            var invoice = Sell(day, branch, salesperson, customer, issuedAt, rates, picker, chunk);
            if (invoice is null)
            {
                if (customer >= 0)
                {
                    customers.WalkedOut(customer, branch.Id);
                }

                continue;
            }

            if (customer >= 0)
            {
                customers.Bought(customer);
                Loyalty(customer, invoice, chunk);
            }

            if (random.Chance(customer >= 0 ? 0.08 : 0.03))
            {
                TradeIn(day, branch.Id, salesperson.Id, customer >= 0 ? customers.IdOf(customer) : null, invoice.Id, issuedAt, rates, chunk);
            }
        }

        // Some people only sell their old gold.
        var sellers = random.Count(0.8 * profile.Scale * branch.TrafficShare);
        for (var i = 0; i < sellers; i++)
        {
            var at = ShopClock.Utc(day, Opens + random.Next(Closes - Opens));
            TradeIn(day, branch.Id, random.Pick(working).Id, null, null, at, rates, chunk);
        }
    }

    private InvoiceRow? Sell(DateOnly day, DemoBranch branch, DemoSalesperson salesperson, int customer, DateTime issuedAt, DayRates rates, WeightedPicker picker, DemoChunk chunk)
    {
        var wanted = LineCount(day, customer);
        var invoiceId = 0L;
        var firstLine = chunk.InvoiceLines.Count;
        long? customerId = customer >= 0 ? customers.IdOf(customer) : null;
        _onInvoice.Clear();
        for (var i = 0; i < wanted; i++)
        {
            var product = PickProduct(day, picker);
            if (product is null || !_onInvoice.Add(product.Id))
            {
                continue;
            }

            var quantity = stock.Take(branch.Id, product.Id, Quantity(product));
            if (quantity == 0)
            {
                continue;
            }

            if (invoiceId == 0)
            {
                invoiceId = ids.Invoice();
            }

            var line = PriceLine(invoiceId, (short)(chunk.InvoiceLines.Count - firstLine + 1), product, quantity, rates, day, branch.Id, salesperson, customerId);
            chunk.InvoiceLines.Add(line);
            stock.RecordSale(chunk, line, issuedAt);
            if (random.Chance(0.02))
            {
                ScheduleRefund(line, day);
            }
        }

        if (invoiceId == 0)
        {
            return null;
        }

        var lines = chunk.InvoiceLines.GetRange(firstLine, chunk.InvoiceLines.Count - firstLine);
        var invoice = new InvoiceRow(
            invoiceId, InvoiceNumber(branch, day), branch.Id, salesperson.Id, customerId, issuedAt, day,
            lines.Sum(l => l.GoldValue + l.MakingCharge + l.StoneValue), lines.Sum(l => l.Discount), lines.Sum(l => l.Tax),
            lines.Sum(l => l.LineTotal), lines.Sum(l => l.LineCost));
        chunk.Invoices.Add(invoice);
        actuals.Sale(invoice, isNewCustomer: customer >= 0 && !customers.IsActive(customer));
        return invoice;
    }

    private InvoiceLineRow PriceLine(long invoiceId, short lineNo, DemoProduct product, int quantity, DayRates rates, DateOnly day, int branchId, DemoSalesperson salesperson, long? customerId)
    {
        var row = product.Row;
        var rate = rates.For(row.Karat);
        var weight = quantity * row.NetWeightGrams;
        var making = product.Making.For(weight, LinePricing.GoldValue(weight, rate.SellPerGram));
        var discount = !product.Investment && random.Chance(salesperson.DiscountPropensity)
            ? Money.Round(making * (decimal)random.Between(0.1, 0.5))
            : 0m;
        var price = LinePricing.Price(new LineTerms(weight, rate.SellPerGram, product.Making, quantity * row.StoneValue, discount, product.TaxRate));
        var cost = Money.Round((weight * rate.BuyPerGram) + (quantity * row.UnitCost));
        return new InvoiceLineRow(
            ids.InvoiceLine(), invoiceId, lineNo, row.Id, quantity, weight, rate.SellPerGram, price.GoldValue,
            row.MakingChargeType, row.MakingChargeValue, price.MakingCharge, price.StoneValue, price.Discount, product.TaxRate, price.Tax,
            price.Total, cost, day, branchId, salesperson.Id, customerId, row.Category, row.ProductLineId, row.Karat);
    }

    private void Loyalty(int customer, InvoiceRow invoice, DemoChunk chunk)
    {
        var lifetime = customers.LifetimePoints(customer);
        var perHundred = lifetime >= 10_000 ? 1.50m : lifetime >= 2_000 ? 1.25m : 1.00m;
        var earned = (int)decimal.Floor(invoice.Total * perHundred / 100m);
        var customerId = customers.IdOf(customer);
        if (earned > 0)
        {
            chunk.LoyaltyLedger.Add(new LoyaltyEntryRow(ids.Loyalty(), customerId, invoice.BusinessDate, invoice.IssuedAt, "earn", earned, invoice.Id, invoice.BusinessDate.AddDays(730)));
            customers.Book(customer, earned);
        }

        var balance = customers.Balance(customer);
        if (balance >= 500 && random.Chance(0.04))
        {
            var redeemed = (int)Math.Min(2_000, balance / 100 * 100);
            chunk.LoyaltyLedger.Add(new LoyaltyEntryRow(ids.Loyalty(), customerId, invoice.BusinessDate, invoice.IssuedAt.AddSeconds(1), "redeem", -redeemed, invoice.Id, null));
            customers.Book(customer, -redeemed);
        }
    }

    private void TradeIn(DateOnly day, int branchId, int staffId, long? customerId, long? invoiceId, DateTime at, DayRates rates, DemoChunk chunk)
    {
        var karat = random.Pick(TradeInKarats);
        var grams = Math.Round((decimal)random.Between(2.0, 45.0), 3, MidpointRounding.AwayFromZero);
        var rate = rates.For(karat).BuyPerGram;
        var deduction = Math.Round((decimal)random.Between(1.5, 5.0), 2, MidpointRounding.AwayFromZero);
        chunk.TradeIns.Add(new TradeInRow(ids.TradeIn(), branchId, staffId, customerId, invoiceId, day, at, karat, grams, rate, deduction, Domain.Pricing.TradeIn.Value(grams, rate, deduction)));
    }

    private void ScheduleRefund(InvoiceLineRow line, DateOnly day)
    {
        var refundDay = day.AddDays(random.Between(1, 14));
        if (refundDay > profile.EndDate)
        {
            return;
        }

        var quantity = line.Quantity == 1 || random.Chance(0.6) ? line.Quantity : random.Between(1, line.Quantity - 1);
        if (!_refunds.TryGetValue(refundDay, out var due))
        {
            _refunds[refundDay] = due = [];
        }

        due.Add((line, quantity));
    }

    private DemoProduct? PickProduct(DateOnly day, WeightedPicker picker)
    {
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var product = catalogue.Products[picker.Pick(random)];
            if (product.OnSaleOn(day))
            {
                return product;
            }
        }

        return null;
    }

    private int LineCount(DateOnly day, int customer)
    {
        var lines = random.NextDouble() switch { < 0.62 => 1, < 0.82 => 2, < 0.92 => 3, < 0.97 => 4, _ => random.Between(5, 6) };
        // Wedding sets: more pieces per invoice in the season.
        return ShopCalendar.IsWeddingSeason(day) && customer >= 0 && random.Chance(0.15) ? lines + 1 : lines;
    }

    private int Quantity(DemoProduct product) => product.Row.Category switch
    {
        "coin" => random.NextDouble() switch { < 0.6 => 1, < 0.8 => 2, _ => random.Between(3, 5) },
        "bar" => random.Chance(0.85) ? 1 : 2,
        _ => random.Chance(0.95) ? 1 : 2,
    };

    /// <summary>Mean pieces per line of a product (sizes stock).</summary>
    public static double MeanQuantity(DemoProduct product) => product.Row.Category switch
    {
        "coin" => 1.8,
        "bar" => 1.15,
        _ => 1.05,
    };

    private int[] InvoiceTimes(int count)
    {
        var times = new int[count];
        for (var i = 0; i < count; i++)
        {
            // Two thirds spread over the day, a third around the evening peak at seven.
            times[i] = random.Chance(0.67)
                ? Opens + random.Next(Closes - Opens)
                : Math.Clamp((19 * 3600) + (int)(random.Normal() * 5400), Opens, Closes - 1);
        }

        Array.Sort(times);
        return times;
    }

    private string InvoiceNumber(DemoBranch branch, DateOnly day)
    {
        var key = (branch.Id, day.Year);
        var next = _invoiceNumbers.GetValueOrDefault(key) + 1;
        _invoiceNumbers[key] = next;
        return $"{branch.Code}-{day.Year}-{next:D7}";
    }
}
