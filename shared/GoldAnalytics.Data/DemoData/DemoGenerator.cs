using GoldAnalytics.Data.DemoData.Rows;

namespace GoldAnalytics.Data.DemoData;

/// <summary>
/// Generates the demo shop day by day as a stream of chunks, so memory stays flat however large the
/// scale: only the current chunk's rows and the per-branch × SKU stock are held.
/// </summary>
public static class DemoGenerator
{
    /// <summary>A chunk is handed over once it holds about this many invoice lines.</summary>
    public const int LinesPerChunk = 50_000;

    /// <summary>The demo shop for the profile; the same profile always yields the same rows.</summary>
    public static IEnumerable<DemoChunk> Generate(DemoProfile profile)
    {
        profile.Validate();
        var random = new DemoRandom(profile.Seed);
        var organisation = new Organisation(profile, random.Fork(1));
        var catalogue = new Catalogue(profile, organisation.Suppliers, random.Fork(2));
        var customers = new CustomerBase(profile, organisation.Branches, random.Fork(3));
        var market = new GoldMarket(random.Fork(4));
        var calendar = new ShopCalendar(profile.StartDate);
        var ids = new DemoIds();
        var actuals = new MonthlyActuals();
        var stock = new StockBook(profile, organisation.Branches, catalogue.Products, ExpectedDemand(profile, organisation, catalogue), ids, random.Fork(5));
        var floor = new SalesFloor(profile, calendar, organisation, catalogue, customers, stock, actuals, ids, random.Fork(6));
        var expenses = new ExpenseBook(profile, organisation, ids, random.Fork(7));

        var chunk = new DemoChunk { DaysDone = 0, DaysTotal = profile.Days };
        chunk.Branches.AddRange(organisation.BranchRows);
        chunk.Staff.AddRange(organisation.StaffRows);
        chunk.Suppliers.AddRange(organisation.SupplierRows);
        chunk.ProductLines.AddRange(catalogue.LineRows);
        chunk.Products.AddRange(catalogue.Products.Select(p => p.Row));
        chunk.Customers.AddRange(customers.Rows);

        for (var d = 0; d < profile.Days; d++)
        {
            var day = profile.StartDate.AddDays(d);
            var rates = market.Next();
            chunk.GoldRates.AddRange(rates.Sheet.Select(r => new GoldRateRow(day, (short)r.Karat, r.BuyPerGram, r.SellPerGram, ShopClock.Utc(day, 7, 0))));
            customers.OpenDay(day);
            stock.OpenDay(day, chunk);
            floor.OpenDay(day, chunk);
            foreach (var branch in organisation.Branches)
            {
                floor.Trade(day, branch, rates, chunk);
            }

            stock.CloseDay(day, chunk);
            expenses.Day(day, chunk);
            if (chunk.InvoiceLines.Count >= LinesPerChunk && d < profile.Days - 1)
            {
                yield return chunk;
                chunk = new DemoChunk { DaysDone = d + 1, DaysTotal = profile.Days };
            }
        }

        actuals.WriteTargets(chunk, profile.EndDate, random.Fork(8));
        stock.WriteLevels(chunk, ShopClock.Utc(profile.EndDate, 23, 59));
        chunk.DaysDone = profile.Days;
        yield return chunk;
    }

    // Pieces a day each branch can expect to sell of each product, on an average day; sizes stock and reorders.
    private static double[] ExpectedDemand(DemoProfile profile, Organisation organisation, Catalogue catalogue)
    {
        var totalPopularity = catalogue.Products.Sum(p => p.Popularity);
        var demand = new double[organisation.Branches.Count * catalogue.Products.Count];
        foreach (var branch in organisation.Branches)
        {
            var lines = profile.InvoicesPerBranchDay * profile.Scale * branch.TrafficShare * SalesFloor.LinesPerInvoice;
            foreach (var product in catalogue.Products)
            {
                demand[((branch.Id - 1) * catalogue.Products.Count) + product.Id - 1] = lines * product.Popularity / totalPopularity * SalesFloor.MeanQuantity(product);
            }
        }

        return demand;
    }
}
