using GoldAnalytics.Data.Kpis.Customers;
using GoldAnalytics.Domain.Kpis.Periods;

namespace GoldAnalytics.Data.Insights;

/// <summary>
/// The ideal-customer profile computed from the in-memory customer ledger and customer mix: the top
/// decile by gross profit as <c>ntile(10) OVER (ORDER BY profit DESC, customer_id)</c> puts it, their
/// sums next to everyone's, and their revenue shares by category and karat (their own lines) and by
/// branch (net revenue from customer_daily).
/// </summary>
public static class IdealCustomers
{
    private const byte Customer = 1;
    private const byte TopDecile = 2;

    /// <summary>The profile of the customers with at least one invoice in the range (at the branch, when given).</summary>
    public static IdealCustomerProfile Profile(
        CustomerLedger ledger, CustomerMix mix, IReadOnlyDictionary<int, string> branchNames, int? branch, DateRange range)
    {
        var (invoices, net, profit) = (new long[ledger.Count], new long[ledger.Count], new long[ledger.Count]);
        foreach (var (_, rows) in ledger.Days(range.From, range.To))
        {
            for (var i = 0; i < rows.Customers.Length; i++)
            {
                if (branch is null || rows.Branches[i] == branch)
                {
                    var c = rows.Customers[i];
                    invoices[c] += rows.Invoices[i];
                    net[c] += rows.NetCents[i];
                    profit[c] += rows.ProfitCents[i];
                }
            }
        }

        var ranked = Enumerable.Range(0, ledger.Count).Where(c => invoices[c] > 0)
            .OrderByDescending(c => profit[c]).ThenBy(ledger.IdOf).ToList();
        var top = (ranked.Count + 9) / 10;
        var state = new byte[ledger.Count];
        var sums = new long[2, 3];
        for (var r = 0; r < ranked.Count; r++)
        {
            var c = ranked[r];
            state[c] = r < top ? TopDecile : Customer;
            for (var group = r < top ? 0 : 1; group < 2; group++)
            {
                sums[group, 0] += profit[c];
                sums[group, 1] += net[c];
                sums[group, 2] += invoices[c];
            }
        }

        var (topProfit, allProfit, topRevenue, allRevenue) = (Money(sums[0, 0]), Money(sums[1, 0]), Money(sums[0, 1]), Money(sums[1, 1]));
        var (categories, karats) = MixShares(ledger, mix, state, branch, range);
        return new IdealCustomerProfile(
            ranked.Count, top, allProfit == 0 ? 0 : topProfit / allProfit,
            Ratio(topRevenue, sums[0, 2]), Ratio(allRevenue, sums[1, 2]),
            Ratio(sums[0, 2], top), Ratio(sums[1, 2], ranked.Count),
            categories, karats, BranchShares(ledger, state, branchNames, branch, range));
    }

    private static List<ProfileShare> BranchShares(
        CustomerLedger ledger, byte[] state, IReadOnlyDictionary<int, string> branchNames, int? branch, DateRange range)
    {
        var shares = new Dictionary<string, (long Top, long All)>();
        foreach (var (_, rows) in ledger.Days(range.From, range.To))
        {
            for (var i = 0; i < rows.Customers.Length; i++)
            {
                var customer = state[rows.Customers[i]];
                if (customer != 0 && (branch is null || rows.Branches[i] == branch))
                {
                    var name = branchNames[rows.Branches[i]];
                    var (t, a) = shares.GetValueOrDefault(name);
                    shares[name] = (customer == TopDecile ? t + rows.NetCents[i] : t, a + rows.NetCents[i]);
                }
            }
        }

        return Shares(shares);
    }

    private static (List<ProfileShare> Categories, List<ProfileShare> Karats) MixShares(
        CustomerLedger ledger, CustomerMix mix, byte[] state, int? branch, DateRange range)
    {
        var mixState = new byte[mix.Count];
        for (var c = 0; c < state.Length; c++)
        {
            if (state[c] != 0 && mix.IndexOf(ledger.IdOf(c)) is var m and >= 0)
            {
                mixState[m] = state[c];
            }
        }

        var cells = mix.Cells;
        var (cellTop, cellAll, seen) = (new long[cells.Count], new long[cells.Count], new bool[cells.Count]);
        foreach (var rows in mix.Days(range.From, range.To))
        {
            for (var i = 0; i < rows.Customers.Length; i++)
            {
                var (customer, cell) = (mixState[rows.Customers[i]], rows.Cells[i]);
                if (customer != 0 && (branch is null || cells[cell].Branch == branch))
                {
                    seen[cell] = true;
                    cellAll[cell] += rows.RevenueCents[i];
                    cellTop[cell] += customer == TopDecile ? rows.RevenueCents[i] : 0;
                }
            }
        }

        var (categories, karats) = (new Dictionary<string, (long Top, long All)>(), new Dictionary<string, (long Top, long All)>());
        for (var cell = 0; cell < cells.Count; cell++)
        {
            if (seen[cell])
            {
                Add(categories, cells[cell].Category, cellTop[cell], cellAll[cell]);
                Add(karats, $"{cells[cell].Karat}K", cellTop[cell], cellAll[cell]);
            }
        }

        return (Shares(categories), Shares(karats));
    }

    private static void Add(Dictionary<string, (long Top, long All)> shares, string key, long top, long all)
    {
        var (t, a) = shares.GetValueOrDefault(key);
        shares[key] = (t + top, a + all);
    }

    private static List<ProfileShare> Shares(Dictionary<string, (long Top, long All)> cents)
    {
        var (top, all) = (Money(cents.Values.Sum(s => s.Top)), Money(cents.Values.Sum(s => s.All)));
        return [.. cents
            .Select(s => new ProfileShare(s.Key, top == 0 ? 0 : Money(s.Value.Top) / top, all == 0 ? 0 : Money(s.Value.All) / all))
            .OrderByDescending(s => s.TopDecileShare).ThenBy(s => s.Key, StringComparer.Ordinal)];
    }

    private static decimal? Ratio(decimal numerator, decimal denominator) => denominator == 0 ? null : numerator / denominator;

    // Scale 2, as the numeric(16,2) sums SQL returns.
    private static decimal Money(long cents) => cents * 0.01m;
}
