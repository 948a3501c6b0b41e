using GoldAnalytics.Data.DemoData;
using GoldAnalytics.Data.DemoData.Loading;

namespace GoldAnalytics.Data.Tests.DemoData;

public sealed class DemoGeneratorTests
{
    [Fact]
    public void The_same_seed_generates_the_same_rows()
    {
        var first = DemoChecksum.Of(DemoProfile.Small(seed: 42));
        var second = DemoChecksum.Of(DemoProfile.Small(seed: 42));

        second.Sha256.Should().Be(first.Sha256);
        second.RowsPerTable.Should().Equal(first.RowsPerTable);
        first.RowsPerTable["invoice_lines"].Should().BePositive();
    }

    [Fact]
    public void A_different_seed_generates_different_rows()
    {
        var first = DemoChecksum.Of(DemoProfile.Small(seed: 42));
        var other = DemoChecksum.Of(DemoProfile.Small(seed: 43));

        other.Sha256.Should().NotBe(first.Sha256);
    }

    [Fact]
    public void A_different_end_date_shifts_the_period_but_keeps_its_length()
    {
        var profile = DemoProfile.Small() with { EndDate = new DateOnly(2025, 3, 15) };

        var rates = DemoGenerator.Generate(profile).SelectMany(c => c.GoldRates).ToList();

        rates.Min(r => r.BusinessDate).Should().Be(new DateOnly(2025, 1, 15));
        rates.Max(r => r.BusinessDate).Should().Be(new DateOnly(2025, 3, 15));
        rates.Select(r => r.BusinessDate).Distinct().Should().HaveCount(60);
    }

    [Fact]
    public void Scale_multiplies_customers_and_sales()
    {
        var one = DemoChecksum.Of(DemoProfile.Small());
        var three = DemoChecksum.Of(DemoProfile.Small() with { Scale = 3 });

        three.RowsPerTable["customers"].Should().Be(3 * one.RowsPerTable["customers"]);
        ((double)three.RowsPerTable["invoice_lines"] / one.RowsPerTable["invoice_lines"]).Should().BeInRange(2.6, 3.4);
        three.RowsPerTable["products"].Should().Be(one.RowsPerTable["products"]);
    }

    [Fact]
    public void The_default_shop_looks_like_a_busy_gold_retailer()
    {
        var profile = DemoProfile.Default();
        var stats = new ShopStatistics();
        var largestChunk = 0;
        foreach (var chunk in DemoGenerator.Generate(profile))
        {
            stats.Add(chunk);
            largestChunk = Math.Max(largestChunk, chunk.InvoiceLines.Count);
        }

        largestChunk.Should().BeLessThan(2 * DemoGenerator.LinesPerChunk, "rows stream in chunks instead of piling up");
        stats.Lines.Should().BeInRange(420_000, 560_000, "scale 1 is about half a million lines, so scale 25 passes ten million");
        ((double)DemoLoader.EstimatedLines(profile) / stats.Lines).Should().BeInRange(0.9, 1.1);
        stats.Branches.Should().Be(3);
        stats.Salespeople.Should().BeInRange(12, 15);
        stats.Products.Should().Be(400);
        stats.Categories.Should().Be(9);
        stats.Customers.Should().Be(3000);

        stats.RefundShare.Should().BeInRange(0.015, 0.025);
        stats.WalkInShare.Should().BeInRange(0.55, 0.70);
        stats.RepeatBuyerShare.Should().BeInRange(0.5, 0.95, "most registered customers come back, not all");
        stats.OneTimeBuyers.Should().BePositive();

        stats.InvoicesOn(DayOfWeek.Saturday).Should().BeGreaterThan(stats.InvoicesOn(DayOfWeek.Monday) * 13 / 10, "weekends are busier");
        stats.DecemberDailyInvoices.Should().BeGreaterThan(stats.JulyDailyInvoices * 1.4, "the wedding season outsells summer");
        stats.BusiestDayIsFestival.Should().BeTrue("Dhanteras and Akshaya Tritiya are the peaks");

        stats.LastRate24K.Should().BeGreaterThan(stats.FirstRate24K, "gold drifts upwards");
        stats.RatesPerDayAllKarats.Should().BeTrue();
        stats.StockoutDays.Should().BeGreaterThan(1000, "stockouts happen and are recorded");
        stats.TradeIns.Should().BePositive();
        stats.Transfers.Should().BePositive();
        stats.ExpenseCategories.Should().Contain(["rent", "salaries", "utilities", "marketing", "insurance", "security", "maintenance"]);
        stats.TargetMetrics.Should().BeEquivalentTo(["revenue", "gross_profit", "transactions", "new_customers"]);
    }

    private sealed class ShopStatistics
    {
        private readonly Dictionary<long, int> _invoicesPerCustomer = [];
        private readonly Dictionary<DateOnly, int> _invoicesPerDay = [];
        private readonly HashSet<(DateOnly, short)> _rates = [];
        private readonly HashSet<string> _categories = [];
        private long _invoices;
        private long _walkIns;
        private long _refunds;

        public long Lines { get; private set; }

        public int Branches { get; private set; }

        public int Salespeople { get; private set; }

        public int Products { get; private set; }

        public int Categories => _categories.Count;

        public int Customers { get; private set; }

        public long TradeIns { get; private set; }

        public long Transfers { get; private set; }

        public long StockoutDays { get; private set; }

        public decimal FirstRate24K { get; private set; }

        public decimal LastRate24K { get; private set; }

        public HashSet<string> ExpenseCategories { get; } = [];

        public HashSet<string> TargetMetrics { get; } = [];

        public double RefundShare => (double)_refunds / Lines;

        public double WalkInShare => (double)_walkIns / _invoices;

        public double RepeatBuyerShare => (double)_invoicesPerCustomer.Values.Count(n => n > 1) / _invoicesPerCustomer.Count;

        public int OneTimeBuyers => _invoicesPerCustomer.Values.Count(n => n == 1);

        public bool RatesPerDayAllKarats => _rates.Count == _invoicesPerDay.Count * 5;

        public double DecemberDailyInvoices => _invoicesPerDay.Where(d => d.Key.Month == 12).Average(d => d.Value);

        public double JulyDailyInvoices => _invoicesPerDay.Where(d => d.Key.Month == 7).Average(d => d.Value);

        public bool BusiestDayIsFestival => ShopCalendar.IsInvestmentDay(_invoicesPerDay.MaxBy(d => d.Value).Key);

        public long InvoicesOn(DayOfWeek day) => _invoicesPerDay.Where(d => d.Key.DayOfWeek == day).Sum(d => (long)d.Value);

        public void Add(DemoChunk chunk)
        {
            Branches += chunk.Branches.Count;
            Salespeople += chunk.Staff.Count(s => s.Role == "salesperson");
            Products += chunk.Products.Count;
            _categories.UnionWith(chunk.Products.Select(p => p.Category));
            Customers += chunk.Customers.Count;
            Lines += chunk.InvoiceLines.Count;
            _refunds += chunk.Refunds.Count;
            TradeIns += chunk.TradeIns.Count;
            Transfers += chunk.StockTransfers.Count;
            StockoutDays += chunk.LostSales.Count;
            ExpenseCategories.UnionWith(chunk.Expenses.Select(e => e.Category));
            TargetMetrics.UnionWith(chunk.Targets.Select(t => t.Metric));
            foreach (var rate in chunk.GoldRates)
            {
                _rates.Add((rate.BusinessDate, rate.Karat));
                if (rate.Karat == 24)
                {
                    FirstRate24K = FirstRate24K == 0 ? rate.SellPerGram : FirstRate24K;
                    LastRate24K = rate.SellPerGram;
                }
            }

            foreach (var invoice in chunk.Invoices)
            {
                _invoices++;
                _invoicesPerDay[invoice.BusinessDate] = _invoicesPerDay.GetValueOrDefault(invoice.BusinessDate) + 1;
                if (invoice.CustomerId is { } customer)
                {
                    _invoicesPerCustomer[customer] = _invoicesPerCustomer.GetValueOrDefault(customer) + 1;
                }
                else
                {
                    _walkIns++;
                }
            }
        }
    }
}
